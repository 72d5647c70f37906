import Foundation
import Testing

/// `SOOTHE_CACHE_SIZE` bounds the speech cache; a value that is not a size is a warning, and the
/// default applies.
@Suite struct CacheSizeTests {
    static func bytes(in folder: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.reduce(0) { total, name in
            total + (((try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.size] as? Int) ?? 0)
        }
    }

    @Test func theCacheKeepsWithinTheSizeGiven() throws {
        let folder = try TemporaryFolder()
        let cache = folder.file("cache")
        // Two sessions' speech: several MB of clips, kept within 1 MiB.
        let result = try SootheCLI.run(
            ["render", "box-breathing", "self-compassion", "-o", folder.file("out") + "/", "--sample-rate", "22050", "--channels", "1", "--quiet"],
            cache: cache, environment: ["SOOTHE_CACHE_SIZE": "1M"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        let held = Self.bytes(in: cache)
        #expect(held > 0 && held <= 1 << 20, "\(held) bytes in the cache")
    }

    @Test(arguments: ["lots", "-5M", "0", "12", "1.5G", "2T"])
    func aValueThatIsNotASizeIsAWarning(_ value: String) throws {
        let result = try SootheCLI.run(["check", "box-breathing"], environment: ["SOOTHE_CACHE_SIZE": value])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("SOOTHE_CACHE_SIZE: '\(value)' is not a size such as 500M or 2G"), "\(result)")
    }
}
