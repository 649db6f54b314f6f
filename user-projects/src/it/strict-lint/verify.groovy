// The models and the code using their DAOs compiled with -Xlint:all -Werror and not one warning;
// the pom holds the "Strict builds" block of docs/build-setup.md.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert !(log =~ /(?m)^\[WARNING\] .*\.java/) : 'javac warned about a source file'
assert !log.contains('No processor claimed')

def checkDocBlocks = evaluate(new File(itSources, 'DocBlocks.groovy'))
checkDocBlocks(new File(buildSetupPage), new File(basedir, 'pom.xml'), 'strict-lint', redaoVersion)
return true
