/// Makes user text safe for espeak-ng's SSML mode and remembers where each character came from.
enum SSMLEscaper {
    /// `text` with `<`, `>`, `&` written as entities, and for every Unicode scalar of the result
    /// the index of the scalar of `text` it stands for (so espeak-ng's word positions, which count
    /// scalars of the escaped text, map back to the user's text).
    static func escape(_ text: String) -> (ssml: String, origin: [Int]) {
        var ssml = String.UnicodeScalarView()
        var origin: [Int] = []
        origin.reserveCapacity(text.unicodeScalars.count)
        for (index, scalar) in text.unicodeScalars.enumerated() {
            let replacement: String? = switch scalar {
            case "<": "&lt;"
            case ">": "&gt;"
            case "&": "&amp;"
            default: nil
            }
            if let replacement {
                ssml.append(contentsOf: replacement.unicodeScalars)
                origin.append(contentsOf: repeatElement(index, count: replacement.unicodeScalars.count))
            } else {
                ssml.append(scalar)
                origin.append(index)
            }
        }
        return (String(ssml), origin)
    }
}
