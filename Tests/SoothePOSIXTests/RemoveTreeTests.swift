import Foundation
import SoothePOSIX
import Testing

@Suite("Removing a folder tree")
struct RemoveTreeTests {
    @Test func removesFilesFoldersAndLinksButNeverWhatALinkNames() throws {
        let manager = FileManager.default
        let base = manager.temporaryDirectory.path + "/soothe-tree-\(UUID().uuidString)"
        defer { try? manager.removeItem(atPath: base) }
        let outside = base + "/outside"
        try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: outside + "/file"))
        let tree = base + "/tree"
        try manager.createDirectory(atPath: tree + "/a/b", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: tree + "/a/b/clip"))
        try manager.createSymbolicLink(atPath: tree + "/a/folder-link", withDestinationPath: outside)
        try manager.createSymbolicLink(atPath: tree + "/file-link", withDestinationPath: outside + "/file")
        Directory.removeTree(tree)
        #expect(!manager.fileExists(atPath: tree))
        #expect(try String(contentsOfFile: outside + "/file", encoding: .utf8) == "keep")
        // A link to a folder, given as the tree, is not followed.
        try manager.createSymbolicLink(atPath: base + "/link", withDestinationPath: outside)
        Directory.removeTree(base + "/link")
        #expect(manager.fileExists(atPath: outside + "/file"))
    }
}
