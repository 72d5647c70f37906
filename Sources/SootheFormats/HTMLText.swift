import SootheCore

/// Escaping for text that goes into the HTML preview page.
enum HTMLText {
    /// `text` safe in element content and in double- or single-quoted attribute values (also
    /// valid XML: only the five predefined entities are used; control characters are dropped).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out += " "
            case _ where scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value): continue
            case "\u{FFFE}", "\u{FFFF}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A relative path as a URL reference: unreserved characters and `/` stay, every other byte
    /// of its UTF-8 form is percent-encoded (so `my session #2.ogg` stays one file name).
    static func urlPath(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A number for SVG coordinates: rounded to hundredths, without a trailing `.0`.
    static func coordinate(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    /// Seconds as they appear in `data-start`/`data-end`: the cue sheet's milliseconds.
    static func seconds(_ value: Double) -> String {
        JSON.number(Timeline.milliseconds(value))
    }
}
