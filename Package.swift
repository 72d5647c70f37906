// swift-tools-version:6.0
// soothe renders guided self-soothing sessions as audio files. GPL-3.0-or-later.
import PackageDescription

let package = Package(
    name: "soothe",
    products: [
        .executable(name: "soothe", targets: ["soothe"]),
        .library(name: "SootheCore", targets: ["SootheCore"]),
        .library(name: "SootheFormats", targets: ["SootheFormats"]),
        .library(name: "SootheRender", targets: ["SootheRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    ],
    targets: [
        // One system-library shim per C library: module map + header, found through pkg-config.
        .systemLibrary(
            name: "CEspeakNG", path: "Sources/CEspeakNG", pkgConfig: "espeak-ng",
            providers: [.apt(["libespeak-ng-dev", "espeak-ng-data"])]),
        .systemLibrary(
            name: "CSndFile", path: "Sources/CSndFile", pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(
            name: "CSoxr", path: "Sources/CSoxr", pkgConfig: "soxr",
            providers: [.apt(["libsoxr-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CEbur128", path: "Sources/CEbur128", pkgConfig: "libebur128",
            providers: [.apt(["libebur128-dev"])]),

        // What Swift cannot reach of POSIX (CMSG_* macros, _GNU_SOURCE calls), and the one funnel
        // every system call goes through: EINTR retried, errno as a typed POSIXError.
        .target(name: "CSoothePOSIX"),
        .target(name: "SoothePOSIX", dependencies: ["CSoothePOSIX"]),
        // libpcaudio's constructor, replaced by one that makes no audio device.
        .target(name: "CEspeakNGNoAudio"),
        // libsox's effects chain over samples in memory (effect handlers are C callback tables):
        // the voice's processing. Only SootheSpeech.SpeechChain calls it.
        .target(name: "CSoxChain", linkerSettings: [.linkedLibrary("sox")]),

        // The vocabulary every module shares: chime kinds, ambience sounds, voice profiles,
        // speech clips and where they come from. Depends on nothing.
        .target(name: "SootheModel"),
        // Pure Swift: the script (parser, diagnostics) and the timeline builder. No C, no files, no
        // environment, never prints.
        .target(name: "SootheCore", dependencies: ["SootheModel", .product(name: "Yams", package: "Yams")]),
        // What a timeline is written as, besides audio: cue sheet JSON, the preview table, WebVTT
        // and SRT captions, chapters, the HTML preview page. Pure Swift.
        .target(name: "SootheFormats", dependencies: ["SootheCore"]),
        // Pure Swift sound generation: chimes, breath tone, noise beds, mixer, limiter. Its
        // per-sample loops run ~50x slower unoptimised, so `make test` builds the tests in release.
        .target(name: "SootheDSP", dependencies: ["SootheModel"]),
        // The only owner of libespeak-ng (and of libsoxr for resampling speech, libsox for
        // processing it).
        .target(
            name: "SootheSpeech",
            dependencies: ["SootheCore", "SootheDSP", "SoothePOSIX", "CEspeakNG", "CEspeakNGNoAudio", "SootheAudioIO", "CSoxChain", "CZlib"]),
        // The only owner of libsndfile: the streaming writer and, its pair, a reader.
        .target(name: "SootheAudioIO", dependencies: ["SootheModel", "SoothePOSIX", "CSndFile", "CSoxr"]),
        // Timeline + DSP + speech -> streamed frames -> file; batch rendering.
        .target(
            name: "SootheRender", dependencies: ["SootheCore", "SootheDSP", "SootheAudioIO"]),
        // The thin executable: argument parsing, printing, exit codes. Started as
        // `soothe _speech-server` it is the speech server instead (SootheSpeech.SpeechServerProcess).
        .executableTarget(
            name: "soothe",
            dependencies: [
                "SootheCore", "SootheFormats", "SootheSpeech", "SootheAudioIO", "SootheRender", "SoothePOSIX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // What only tests use: libebur128's meter, the reference soothe's loudness is checked against.
        .target(name: "SootheTestSupport", dependencies: ["CEbur128"]),

        .testTarget(name: "SootheCoreTests", dependencies: ["SootheCore", "SootheFormats"], exclude: ["Snapshots"]),
        .testTarget(name: "SootheFormatsTests", dependencies: ["SootheFormats"]),
        .testTarget(name: "SootheDSPTests", dependencies: ["SootheDSP", "SootheModel", "SootheTestSupport"]),
        .testTarget(name: "SoothePOSIXTests", dependencies: ["SoothePOSIX"]),
        // Speech is spoken by `soothe _speech-server`: soothe is found beside the test bundle.
        .testTarget(name: "SootheSpeechTests", dependencies: ["SootheSpeech", "soothe", "SootheTestSupport"]),
        .testTarget(name: "SootheAudioIOTests", dependencies: ["SootheAudioIO", "SootheTestSupport"]),
        .testTarget(name: "SootheRenderTests", dependencies: ["SootheRender", "SootheFormats", "SootheAudioIO", "SootheTestSupport"]),
        .testTarget(name: "SootheCLITests", dependencies: ["soothe", "SootheAudioIO", "SootheCore", "SootheFormats", "SootheTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
