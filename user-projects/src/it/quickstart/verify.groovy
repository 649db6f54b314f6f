// The quickstart compiled, ran its tests against a Redis server, and printed no logging noise; its
// pom holds the Maven blocks of docs/build-setup.md.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') : 'both tests ran and passed'
assert !log.contains('SLF4J(W)') : 'SLF4J warned (no binding, or two)'
assert !log.contains('No processor claimed') : 'javac warned about unclaimed annotations'

def checkDocBlocks = evaluate(new File(itSources, 'DocBlocks.groovy'))
checkDocBlocks(new File(buildSetupPage), new File(basedir, 'pom.xml'), 'quickstart', redaoVersion)
return true
