import SoothePOSIX
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// soothe's own espeak-ng voice variants, made loadable without writing into the system's data.
///
/// espeak-ng 1.51 finds a variant (`en-us+NAME`) only as `voices/!v/NAME` inside its data folder,
/// and has no call that loads a variant from a file. So soothe builds an overlay: a folder whose
/// entries are links to the system's data, except `voices/!v`, which links every installed
/// variant and holds soothe's own files beside them. espeak-ng is then initialised on the overlay,
/// here and in the speech server. The overlay's name carries a checksum of the system folder and
/// the variants, so each content is built once (atomically: made under a temporary name and
/// renamed into place) and shared by every run; a changed variant gets a new folder.
public enum EspeakDataOverlay {
    /// A variant file: its name (what follows `+` in a voice name) and its text in espeak-ng's
    /// voice-file format (`formant`, `breath`, `tone`, `flutter`, `roughness`, ...).
    public struct Variant: Sendable, Hashable {
        public let name: String
        public let text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// The variant files in `folder` (every file whose name does not start with `.`), by name;
    /// none when the folder cannot be read. A file that cannot be read is left out.
    public static func variants(in folder: String) -> [Variant] {
        Directory.names(in: folder).filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            guard let text = readText("\(folder)/\(name)") else { return nil }
            return Variant(name: name, text: text)
        }
    }

    /// A small regular file's text (at most 64 KiB: a variant file is a few hundred bytes).
    private static func readText(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { FileDescriptorIO.closeQuietly(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= 1 << 16 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        guard let count = try? bytes.withUnsafeMutableBytes({ try FileDescriptorIO.readFully(fd, into: $0.baseAddress!, $0.count) }),
              count == bytes.count else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Why an overlay could not be made.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Builds (or finds) the overlay of the system's espeak-ng data with `variants` in `parent`,
    /// and returns its data folder (what `espeak_ng_InitializePath` takes). A variant name must be
    /// a plain file name that no installed variant has.
    public static func build(variants: [Variant], systemData: String, in parent: String) throws(Failure) -> String {
        for variant in variants {
            guard isPlainName(variant.name) else {
                throw Failure(description: "'\(variant.name)' is not a usable variant name (letters, digits, '-' and '_' only, at most 30)")
            }
        }
        let system = Directory.names(in: "\(systemData)/voices/!v")
        if let clash = variants.first(where: { system.contains($0.name) }) {
            throw Failure(description: "variant '\(clash.name)' is also installed with espeak-ng; give soothe's another name")
        }
        let folder = "\(parent)/espeak-\(identity(variants: variants, systemData: systemData))"
        let data = "\(folder)/espeak-ng-data"
        var info = stat()
        if stat("\(data)/voices/!v", &info) == 0 { return data }
        var template = Array("\(folder).XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw Failure(description: "cannot create a folder in \(parent): \(POSIXError(errno, call: "").reason)")
        }
        let building = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do throws(Failure) {
            try make(building + "/espeak-ng-data", variants: variants, systemData: systemData)
        } catch {
            Directory.removeTree(building)
            throw error
        }
        if rename(building, folder) != 0 {
            let reason = errno
            Directory.removeTree(building)
            // Another process built the same overlay first: use it.
            guard reason == EEXIST || reason == ENOTEMPTY, stat("\(data)/voices/!v", &info) == 0 else {
                throw Failure(description: "cannot create \(folder): \(POSIXError(reason, call: "").reason)")
            }
        }
        return data
    }

    /// Builds the overlay of espeak-ng's own data with `variants` in `parent` and makes the
    /// speech server speak from it, so profiles may name the variants (`en-us+NAME`).
    public static func install(_ variants: [Variant], in parent: String) throws(Failure) {
        let engine = EspeakEngine.shared
        let system = engine.systemDataFolder()
        let data = try build(variants: variants, systemData: system, in: parent)
        let identities = Dictionary(variants.map { ($0.name, identity(variants: [$0], systemData: system)) }) { first, _ in first }
        engine.useData(data, variants: identities)
    }

    /// `$TMPDIR/soothe-UID`, a folder only this user can write (made if missing). Refused when
    /// it exists but is not a folder of this user's that nobody else may write.
    public static func privateTemporaryFolder() throws(Failure) -> String {
        let folder = "\(Directory.temporary)/soothe-\(getuid())"
        mkdir(folder, 0o700)
        var info = stat()
        guard lstat(folder, &info) == 0 else {
            throw Failure(description: "cannot create \(folder): \(POSIXError(errno, call: "").reason)")
        }
        guard info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(), info.st_mode & 0o022 == 0 else {
            throw Failure(description: "\(folder) is not a folder of this user's that only this user can write")
        }
        return folder
    }

    /// What names an overlay's content: a CRC-32 of the system folder's path and each variant.
    static func identity(variants: [Variant], systemData: String) -> String {
        var text = systemData
        for variant in variants.sorted(by: { $0.name < $1.name }) {
            text += "\u{0}\(variant.name)\u{0}\(variant.text)"
        }
        let bytes = Array(text.utf8)
        let sum = bytes.withUnsafeBytes { CRC32.update(0, $0) }
        let hex = String(sum, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    private static func make(_ data: String, variants: [Variant], systemData: String) throws(Failure) {
        func check(_ result: Int32, _ what: String) throws(Failure) {
            guard result == 0 else { throw Failure(description: "cannot create \(what): \(POSIXError(errno, call: "").reason)") }
        }
        try check(mkdir(data, 0o755), data)
        for name in Directory.names(in: systemData) where name != "voices" {
            try check(symlink("\(systemData)/\(name)", "\(data)/\(name)"), "\(data)/\(name)")
        }
        try check(mkdir("\(data)/voices", 0o755), "\(data)/voices")
        for name in Directory.names(in: "\(systemData)/voices") where name != "!v" {
            try check(symlink("\(systemData)/voices/\(name)", "\(data)/voices/\(name)"), "\(data)/voices/\(name)")
        }
        let variantFolder = "\(data)/voices/!v"
        try check(mkdir(variantFolder, 0o755), variantFolder)
        for name in Directory.names(in: "\(systemData)/voices/!v") {
            try check(symlink("\(systemData)/voices/!v/\(name)", "\(variantFolder)/\(name)"), "\(variantFolder)/\(name)")
        }
        for variant in variants {
            let path = "\(variantFolder)/\(variant.name)"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Failure(description: "cannot create \(path): \(POSIXError(errno, call: "").reason)") }
            do {
                try FileDescriptorIO.writeAll(fd, Array(variant.text.utf8))
                try FileDescriptorIO.closeReporting(fd)
            } catch {
                FileDescriptorIO.closeQuietly(fd)
                throw Failure(description: "cannot write \(path): \(error.reason)")
            }
        }
    }

    private static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 30
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }
}
