import HTTP

/// Query strings and urlencoded forms: parsing either refuses with a 400 or gives pairs that
/// survive a round trip through `urlEncoded`, byte for byte.
enum FormTarget {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let parameters: Parameters
        do {
            parameters = try Parameters(urlEncoded: text)
        } catch let error as HTTPError {
            require(error.status == .badRequest, "a form fails with \(error.status), not 400")
            return
        } catch {
            fatalError("a form fails with \(error), not an HTTPError")
        }
        require(parameters.pairs.count <= Parameters.maximumCount, "more pairs than the maximum")
        let again = try! Parameters(urlEncoded: parameters.urlEncoded)
        require(again.pairs.count == parameters.pairs.count, "the round trip changes the pair count")
        for (a, b) in zip(parameters.pairs, again.pairs) {
            require(
                Array(a.name.utf8) == Array(b.name.utf8) && Array(a.value.utf8) == Array(b.value.utf8),
                "the round trip changes \(a) into \(b)")
        }
        if let first = parameters.pairs.first {
            require(
                parameters[first.name].map { Array($0.utf8) } == Array(first.value.utf8),
                "lookup by name misses the first pair")
        }
    }
}
