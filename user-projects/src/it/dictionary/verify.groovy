// The project compiled and its test passed against a Redis server; App.java holds the Java block
// of docs/dictionaries.md that is marked for this project.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the test ran and passed'

def checkDocBlocks = evaluate(new File(itSources, 'DocBlocks.groovy'))
checkDocBlocks(new File(dictionariesPage), new File(basedir, 'src/main/java/com/example/App.java'), 'dictionary', redaoVersion)
return true
