import HTTP

/// The streaming multipart parser: the same body cut into random chunks (and a byte at a time)
/// must give exactly the parts, and the failure, it gives in one piece.
enum MultipartTarget {
    static let boundary = "AaB03x"

    struct Part: Equatable {
        var headers: [String] = []
        var body: [UInt8] = []
    }

    struct Outcome: Equatable {
        var parts: [Part] = []
        var failure: String?
    }

    static func run(_ bytes: [UInt8]) {
        // The input chooses its own chunking: a count, that many sizes (cycled), then the body.
        var input = FuzzInput(bytes)
        let sizes = (0...(input.byte() % 8)).map { _ in 1 + Int(input.byte() % 48) }
        let body = input.rest
        // Small limits, so the fuzzer reaches every limit with short inputs.
        var limits = MultipartParser.Limits()
        limits.headerBytes = 64
        limits.preambleBytes = 96
        limits.parts = 6

        let whole = parse(body, limits: limits, sizes: [body.count])
        let chunked = parse(body, limits: limits, sizes: sizes)
        let bytewise = parse(body, limits: limits, sizes: [1])
        require(whole == chunked, "random chunks change the parts: \(whole) vs \(chunked)")
        require(whole == bytewise, "byte-at-a-time changes the parts: \(whole) vs \(bytewise)")
    }

    /// Completed parts and the failure, if any; a part cut off by a failure is not compared
    /// (how much of its body was passed on depends on the chunking, by design).
    static func parse(_ body: [UInt8], limits: MultipartParser.Limits, sizes: [Int]) -> Outcome {
        var outcome = Outcome()
        var current: Part?
        do {
            let parser = try MultipartParser(boundary: boundary, limits: limits)
            var offset = 0
            var turn = 0
            repeat {
                let end = min(body.count, offset + max(1, sizes[turn % sizes.count]))
                turn += 1
                try parser.feed(body[offset..<end]) { event in
                    switch event {
                    case .headers(let headers):
                        require(current == nil, "headers inside a part")
                        current = Part(headers: headers.fields.map { "\($0.name): \($0.value)" })
                    case .body(let piece):
                        require(current != nil, "body outside a part")
                        require(!piece.isEmpty, "an empty body event")
                        current?.body += piece
                    case .partEnd:
                        require(current != nil, "a part ends that never began")
                        outcome.parts.append(current!)
                        current = nil
                    }
                }
                offset = end
            } while offset < body.count
            try parser.finish()
        } catch {
            outcome.failure = "\(error)"
        }
        return outcome
    }
}
