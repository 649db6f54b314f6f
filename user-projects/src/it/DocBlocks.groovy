// Returns a check that every block of a page of docs/ marked for a project appears in a file of
// the project (its pom.xml, its module-info.java, a source: target is one file or a list of them),
// line for line (indentation and blank lines aside), with this build's version in place of the
// one the page names. A block is marked by the HTML comment
//   <!-- checked by user-projects/src/it/<project> -->
// on the line before its opening fence.
return { File page, Object target, String project, String version ->
    def normalize = { String text -> text.readLines()*.trim().findAll { !it.isEmpty() } }
    def lines = page.readLines()
    def marker = "<!-- checked by user-projects/src/it/" + project + " -->"
    def blocks = []
    lines.eachWithIndex { line, i ->
        if (line.trim() == marker) {
            assert lines[i + 1].trim().startsWith('```') : "a fenced block follows the marker on line ${i + 1} of ${page}"
            int end = lines.findIndexOf(i + 2) { it.trim() == '```' }
            blocks << lines.subList(i + 2, end).join('\n')
        }
    }
    assert !blocks.isEmpty() : "no block of ${page} is marked for ${project}"
    def targets = (target instanceof Collection) ? target : [target]
    blocks.each { block ->
        def wanted = normalize(block.replace('0.1.0-SNAPSHOT', version))
        assert targets.any { Collections.indexOfSubList(normalize(it.text), wanted) >= 0 } :
                "no file of ${targets} contains this block of ${page}:\n${block}"
    }
    return blocks.size()
}
