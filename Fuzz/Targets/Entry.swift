import Foundation

/// Called by libFuzzer once per input. One binary holds every target; `ALBUMEN_FUZZ_TARGET`
/// names the one this run exercises (`deploy/fuzz.sh` sets it), so the package is built once.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    Targets.selected(bytes)
    return 0
}

enum Targets {
    typealias Target = @Sendable ([UInt8]) -> Void

    static let all: [String: Target] = [
        "multipart": MultipartTarget.run,
        "router": RouterTarget.run,
        "form": FormTarget.run,
        "headers": HeaderTarget.run,
        "json": JSONBodyTarget.run,
        "expiration": ExpirationTarget.run,
        "shortcode": ShortCodeTarget.run,
        "next": NextTarget.run,
        "strip": StripTarget.run,
    ]

    static let selected: Target = {
        let name = ProcessInfo.processInfo.environment["ALBUMEN_FUZZ_TARGET"] ?? ""
        guard let target = all[name] else {
            FileHandle.standardError.write(
                Data("ALBUMEN_FUZZ_TARGET must be one of: \(all.keys.sorted().joined(separator: " "))\n".utf8))
            exit(2)
        }
        return target
    }()
}

/// A property the parser broke: crash, so libFuzzer keeps the input as a finding.
func require(_ condition: @autoclosure () -> Bool, _ what: @autoclosure () -> String) {
    if !condition() { fatalError("property violated: \(what())") }
}

/// Splits one fuzz input into the pieces a target needs, deterministically.
struct FuzzInput {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    mutating func byte() -> UInt8 { bytes.popFirst() ?? 0 }

    /// Everything up to the next `separator` byte (or the end), consumed with the separator.
    mutating func field(until separator: UInt8 = 10) -> [UInt8] {
        let end = bytes.firstIndex(of: separator) ?? bytes.endIndex
        let field = Array(bytes[..<end])
        bytes = end == bytes.endIndex ? bytes[end...] : bytes[bytes.index(after: end)...]
        return field
    }

    mutating func string(until separator: UInt8 = 10) -> String {
        String(decoding: field(until: separator), as: UTF8.self)
    }

    var rest: [UInt8] { Array(bytes) }
    var restString: String { String(decoding: bytes, as: UTF8.self) }
}
