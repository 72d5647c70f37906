/// A picture embedded in an audio file as its cover (ID3 `APIC`, FLAC `PICTURE`, Vorbis
/// `METADATA_BLOCK_PICTURE`): PNG or JPEG, recognised by its first bytes, not its name.
public struct CoverImage: Sendable, Hashable {
    /// The file's bytes, as they are embedded.
    public let bytes: [UInt8]
    /// `image/png` or `image/jpeg`.
    public let mimeType: String
    /// Pixels across and down, and bits per pixel, as the image's header gives them.
    public let width: Int
    public let height: Int
    public let depth: Int

    /// The most bytes a cover may have: a FLAC metadata block holds at most 16 MiB.
    public static let maximumSize = (1 << 24) - 64

    /// Reads `bytes` as a PNG or JPEG image; throws a message saying what is wrong otherwise.
    public init(bytes: [UInt8]) throws(CoverImageProblem) {
        guard !bytes.isEmpty else { throw CoverImageProblem("the file is empty") }
        guard bytes.count <= Self.maximumSize else {
            throw CoverImageProblem("the image is \(bytes.count / 1_048_576) MiB; a cover may be at most 16 MiB (a FLAC metadata block's limit)")
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            // IHDR is the first chunk: width and height (big-endian), bit depth, colour type.
            guard bytes.count >= 33, bytes[12..<16].elementsEqual(Array("IHDR".utf8)) else {
                throw CoverImageProblem("the PNG image has no header (IHDR) where it should be")
            }
            mimeType = "image/png"
            width = Self.bigEndian(bytes, 16, 4)
            height = Self.bigEndian(bytes, 20, 4)
            let samples = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(bytes[25])] ?? 1
            depth = Int(bytes[24]) * samples
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            guard let frame = Self.jpegFrame(bytes) else {
                throw CoverImageProblem("the JPEG image has no frame header (SOF) giving its size")
            }
            mimeType = "image/jpeg"
            (width, height, depth) = frame
        } else {
            throw CoverImageProblem("not a PNG or JPEG image (a cover must be one of the two)")
        }
        guard width > 0, height > 0 else { throw CoverImageProblem("the image says it is \(width)×\(height) pixels") }
        self.bytes = bytes
    }

    /// Width, height and bits per pixel from a JPEG's first start-of-frame marker.
    private static func jpegFrame(_ bytes: [UInt8]) -> (Int, Int, Int)? {
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { index += 2; continue }
            let length = bigEndian(bytes, index + 2, 2)
            // SOF0...SOF15 but DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                let precision = Int(bytes[index + 4])
                let height = bigEndian(bytes, index + 5, 2), width = bigEndian(bytes, index + 7, 2)
                let components = Int(bytes[index + 9])
                return (width, height, precision * components)
            }
            if marker == 0xDA { return nil }
            index += 2 + length
        }
        return nil
    }

    static func bigEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
    }
}

/// Why a file cannot be a cover.
public struct CoverImageProblem: Error, Sendable, Equatable {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }
}
