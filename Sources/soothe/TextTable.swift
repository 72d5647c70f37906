/// Plain-text tables for the terminal: columns as wide as their widest cell, two spaces apart.
enum TextTable {
    /// `rows` (the first is the header) as lines ending in a newline; trailing spaces trimmed.
    static func format(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max()! }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                line += cell
                if column < row.count - 1 { line += String(repeating: " ", count: widths[column] - cell.count + 2) }
            }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
