// The models compiled in a named module whose module-info is the one docs/build-setup.md shows.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert new File(basedir, 'target/classes/module-info.class').isFile() : 'compiled as a named module'
assert new File(basedir, 'target/classes/com/example/app/AuthorDao.class').isFile() : 'the generated DAO compiled in it'

def checkDocBlocks = evaluate(new File(itSources, 'DocBlocks.groovy'))
checkDocBlocks(new File(buildSetupPage), new File(basedir, 'src/main/java/module-info.java'), 'named-module', redaoVersion)
return true
