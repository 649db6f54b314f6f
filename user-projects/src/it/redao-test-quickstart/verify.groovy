// The project's tests ran against a Redis server started by redao-test (and a cluster), and its
// files hold the blocks of docs/testing-your-daos.md: the Maven one in the pom, the Java ones in the tests.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') : 'the three tests ran and passed'
assert log.contains(":user}:uni:email: live object's email has no unique entry") : 'the report printed its problems'
assert !log.contains('SLF4J(W)') : 'SLF4J warned (no binding, or two)'

def checkDocBlocks = evaluate(new File(itSources, 'DocBlocks.groovy'))
def tests = new File(basedir, 'src/test/java/com/example')
def files = [new File(basedir, 'pom.xml'), new File(basedir, 'src/main/java/com/example/User.java')] + tests.listFiles().toList()
checkDocBlocks(new File(testingPage), files, 'redao-test-quickstart', redaoVersion)
return true
