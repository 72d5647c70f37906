/// Names a WAV file's cue points: a `LIST` chunk of type `adtl` holding one `labl` per cue
/// (its id and a UTF-8 title), appended after the other chunks, with the RIFF size updated.
/// The cue points themselves (`cue ` chunk, ids from 1) are libsndfile's.
enum WAVChapterLabels {
    static func append(_ file: FileBytes, titles: [String]) throws(AudioIOError) {
        guard !titles.isEmpty else { return }
        guard try file.read(at: 0, 4) == Array("RIFF".utf8) else { return }
        let size = try file.size()
        var list = Array("adtl".utf8)
        for (index, title) in titles.enumerated() {
            let text = Array(title.utf8) + [0]
            list += Array("labl".utf8) + MetadataBytes.littleEndian(4 + text.count, 4)
            list += MetadataBytes.littleEndian(index + 1, 4) + text
            if text.count % 2 == 1 { list.append(0) }
        }
        // Chunks start at even offsets.
        let chunk: [UInt8] = (size % 2 == 1 ? [0] : []) + Array("LIST".utf8) + MetadataBytes.littleEndian(list.count, 4) + list
        let riffSize = size + chunk.count - 8
        guard riffSize <= Int(UInt32.max) else { return }
        try file.write(chunk, at: size)
        try file.write(MetadataBytes.littleEndian(riffSize, 4), at: 4)
    }
}
