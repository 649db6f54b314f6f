// Returns a check that every block of docs/build-setup.md marked for a project appears in a file
// of the project (its pom.xml, its module-info.java), line for line (indentation and blank lines
// aside), with this build's version in place of the one the page names. A block is marked by the HTML comment
//   <!-- checked by user-projects/src/it/<project> -->
// on the line before its opening fence.
return { File page, File target, String project, String version ->
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
    def targetLines = normalize(target.text)
    blocks.each { block ->
        def wanted = normalize(block.replace('0.1.0-SNAPSHOT', version))
        assert Collections.indexOfSubList(targetLines, wanted) >= 0 : "${target} does not contain this block of ${page}:\n${block}"
    }
    return blocks.size()
}
