/// How a phrase is asked of the speech server over its socket: a fixed header, then the text.
///
/// Header (144 bytes, native byte order): text length in bytes with its terminating zero
/// (UInt64), parameter count (UInt32), 4 unused bytes, 8 parameters (UInt32 espeak-ng
/// parameter, Int32 value), and the voice identifier, zero-terminated, from byte 80. The reply
/// pipe's write end travels attached to the header's first bytes.
enum SpeechRequestFormat {
    static let headerSize = 144
    static let voiceOffset = 80
    static let parametersOffset = 16
    static let maxParameters = 8

    /// The whole request for `text` (SSML) spoken as `request` says; nil if the voice
    /// identifier or the parameters do not fit.
    static func encode(_ request: IsolatedSynthesis.Request, text: String) -> [UInt8]? {
        let voice = Array(request.voice.utf8)
        guard voice.count < headerSize - voiceOffset, request.parameters.count <= maxParameters else { return nil }
        let textBytes = Array(text.utf8CString)
        var message = [UInt8](repeating: 0, count: headerSize)
        message.reserveCapacity(headerSize + textBytes.count)
        message.withUnsafeMutableBytes { header in
            header.storeBytes(of: UInt64(textBytes.count), toByteOffset: 0, as: UInt64.self)
            header.storeBytes(of: UInt32(request.parameters.count), toByteOffset: 8, as: UInt32.self)
            for (index, parameter) in request.parameters.enumerated() {
                header.storeBytes(of: parameter.raw, toByteOffset: parametersOffset + 8 * index, as: UInt32.self)
                header.storeBytes(of: parameter.value, toByteOffset: parametersOffset + 4 + 8 * index, as: Int32.self)
            }
            for (index, byte) in voice.enumerated() {
                header[voiceOffset + index] = byte
            }
        }
        textBytes.withUnsafeBytes { message.append(contentsOf: $0) }
        return message
    }

    /// The text length a header announces.
    static func textCount(in header: UnsafeRawBufferPointer) -> Int {
        Int(header.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
    }

    /// The parameters a header holds.
    static func parameters(in header: UnsafeRawBufferPointer) -> [IsolatedSynthesis.Parameter] {
        let count = min(Int(header.loadUnaligned(fromByteOffset: 8, as: UInt32.self)), maxParameters)
        return (0..<count).map { index in
            IsolatedSynthesis.Parameter(
                raw: header.loadUnaligned(fromByteOffset: parametersOffset + 8 * index, as: UInt32.self),
                value: header.loadUnaligned(fromByteOffset: parametersOffset + 4 + 8 * index, as: Int32.self))
        }
    }

    /// The voice identifier a header holds, zero-terminated.
    static func voice(in header: UnsafeRawBufferPointer) -> [CChar] {
        var name = header[voiceOffset..<(headerSize - 1)].prefix { $0 != 0 }.map { CChar(bitPattern: $0) }
        name.append(0)
        return name
    }
}
