import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Reads a `<table>` in the body as data: tells data tables from layout tables and reads
/// rows of cell texts.
///
/// Old pages lay out whole articles in tables; only tables that look like data (Mozilla
/// Readability's test, thresholds in `rich_blocks.json`) become `table` blocks, so a
/// layout table's cells stay paragraphs.
struct TableReader {
    let analysis: PageAnalysis
    let rules: RichBlockRules

    func isDataTable(_ table: Int) -> Bool {
        let tree = analysis.tree
        let node = tree[table]
        if node.attribute("role")?.lowercased() == "presentation" { return false }
        if node.attribute("datatable") == "0" { return false }
        var structural = node.attribute("summary").map { !$0.isEmpty } ?? false
        var rowCount = 0
        var columns = 0
        var i = table + 1
        let end = node.subtreeEnd
        while i <= end {
            let child = tree.nodes[i]
            guard child.kind == .element else {
                i += 1
                continue
            }
            switch child.name {
            case "table":
                return false  // nested tables: layout
            case "caption", "thead", "tfoot", "col", "colgroup", "th":
                structural = true
            case "tr":
                rowCount += 1
                columns = max(columns, cells(of: i).count)
            case "td":
                if Int(analysis.textLength[i]) >= rules.layoutCellMinimumText { return false }
            default:
                break
            }
            i += 1
        }
        if rowCount < rules.dataTableMinimumRows && !structural { return false }
        if structural { return rowCount >= 1 }
        if columns < rules.dataTableMinimumColumns { return false }
        if rowCount >= rules.dataTableManyRows || columns >= rules.dataTableManyColumns { return true }
        return rowCount * columns >= rules.dataTableMinimumCells
    }

    /// The caption and rows of a data table. A cell spanning columns is followed by empty
    /// cells so columns stay aligned.
    func read(_ table: Int) -> (caption: String?, rows: [TableRow]) {
        let tree = analysis.tree
        var caption: String?
        var rows: [TableRow] = []
        var i = table + 1
        let end = tree[table].subtreeEnd
        while i <= end {
            let node = tree.nodes[i]
            guard node.kind == .element, !analysis.excluded[i] else {
                i = node.subtreeEnd + 1
                continue
            }
            if node.name == "caption", caption == nil {
                caption = TextCleaner.nonEmpty(text(of: i))
                i = node.subtreeEnd + 1
                continue
            }
            if node.name == "tr" {
                var texts: [String] = []
                var allHeader = true
                for cell in cells(of: i) {
                    texts.append(TextCleaner.clean(text(of: cell)))
                    if tree[cell].name != "th" { allHeader = false }
                    let span = Int(tree[cell].attribute("colspan") ?? "") ?? 1
                    if span > 1 { texts += Array(repeating: "", count: min(span, 50) - 1) }
                }
                let inHead = tree[Int(node.parent)].name == "thead"
                if !texts.isEmpty, texts.contains(where: { !$0.isEmpty }) {
                    rows.append(TableRow(header: inHead || allHeader, cells: texts))
                }
                i = node.subtreeEnd + 1
                continue
            }
            i += 1
        }
        return (caption, rows)
    }

    private func cells(of row: Int) -> [Int] {
        analysis.tree.children(of: row).filter {
            let name = analysis.tree[$0].name
            return name == "td" || name == "th"
        }
    }

    /// Visible text of a cell; line breaks and nested blocks become spaces.
    private func text(of index: Int) -> String {
        let tree = analysis.tree
        var out = ""
        var i = index + 1
        let end = tree[index].subtreeEnd
        while i <= end {
            let node = tree.nodes[i]
            if analysis.excluded[i] {
                i = node.subtreeEnd + 1
                continue
            }
            if node.kind == .text { out += node.text } else { out += " " }
            i += 1
        }
        return out
    }
}
