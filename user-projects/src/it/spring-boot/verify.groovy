// A Spring Boot application on the starter compiled: its DAO catalog and service file were written,
// and its pom and sources hold the blocks of docs/spring-boot.md marked for this project.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert !(log =~ /(?m)^\[WARNING\] .*\.java/) : 'javac warned about a source file'
def service = new File(basedir, 'target/classes/META-INF/services/dev.redao.runtime.spi.DaoCatalog')
assert service.isFile() : 'the processor named the DAO catalog'
def catalog = service.text.trim()
assert catalog ==~ /com\.example\.shop\.RedaoCatalog_[0-9a-f]{8}/ : catalog
assert new File(basedir, 'target/classes/' + catalog.replace('.', '/') + '.class').isFile()

def checkDocBlocks = evaluate(new File(itSources, 'DocBlocks.groovy'))
def sources = ['pom.xml', 'src/main/java/com/example/shop/Customer.java', 'src/main/java/com/example/shop/CustomerService.java',
               'src/main/java/com/example/config/OwnStoreConfiguration.java',
               'src/main/java/com/example/config/MeteredStoreConfiguration.java'].collect { new File(basedir, it) }
checkDocBlocks(new File(springBootPage), sources, 'spring-boot', redaoVersion)
return true
