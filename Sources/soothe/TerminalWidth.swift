import SootheFormats
import SoothePOSIX

/// How wide the preview table is drawn on standard output: `COLUMNS` when it is set to a
/// number, else the terminal's width, else (a file or a pipe) the table's stable default.
enum TerminalWidth {
    static var standardOutput: Int {
        if let value = Terminal.environment("COLUMNS").flatMap(Int.init), value > 0 { return value }
        return Terminal.columns(1) ?? PreviewTable.defaultWidth
    }
}
