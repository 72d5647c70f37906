import Foundation
import SootheAudioIO
import Testing

extension AudioIOTests {
    @Suite struct SampleSpoolTests {
        @Test func givesBackWhatWasAppendedAndLeavesNoFile() throws {
            let folder = try TestFolder()
            let spool = try SampleSpool(besides: folder.file("out.wav"))
            // More than the spool's own buffer, appended in uneven pieces.
            let samples = (0..<200_003).map { Float(sin(Double($0) * 0.001)) }
            try samples.withUnsafeBufferPointer { all in
                var start = 0
                for size in [1, 7, 4096, 100_000, 95_899] {
                    try spool.append(UnsafeBufferPointer(rebasing: all[start..<(start + size)]))
                    start += size
                }
            }
            #expect(spool.count == samples.count)
            // The spool has no name: nothing appears in the folder while it is in use.
            #expect(try folder.contents().isEmpty)
            try spool.rewind()
            var back: [Float] = []
            var buffer = [Float](repeating: 0, count: 3000)
            while true {
                let n = try buffer.withUnsafeMutableBufferPointer { try spool.read(into: $0) }
                if n == 0 { break }
                back += buffer[0..<n]
            }
            #expect(back == samples)
        }

        @Test(arguments: ["/proc/soothe-cannot-write-here.wav", "/nonexistent-soothe-folder/out.wav"])
        func unwritableFolderIsACannotCreateError(_ path: String) throws {
            let error = #expect(throws: AudioIOError.self) { try SampleSpool(besides: path) }
            #expect(error?.kind == .cannotCreate)
        }
    }
}
