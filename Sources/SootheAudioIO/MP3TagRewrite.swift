/// Replaces an MP3 file's tags with one ID3v2.4 tag at its start: an ID3v2 tag the encoder
/// wrote at the start and an ID3v1 tag at the end are dropped, the MPEG frames copied unchanged.
enum MP3TagRewrite {
    static func rewrite(_ source: FileBytes, tags: AudioTags, to target: Int32) throws(AudioIOError) {
        let size = try source.size()
        let start = ID3v24Tag.existingLength(try source.read(at: 0, 10))
        var end = size
        if size - start >= 128, try source.read(at: size - 128, 3) == Array("TAG".utf8) { end -= 128 }
        guard end >= start else {
            throw AudioIOError(.finishFailed, "cannot write the metadata: the MP3 file's tag is longer than the file", path: source.path)
        }
        try source.write(ID3v24Tag.bytes(tags), to: target)
        try source.copy(from: start, count: end - start, to: target)
    }
}
