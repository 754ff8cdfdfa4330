import HTTP

/// Cookie headers, parameterised header values (Content-Type, Content-Disposition) and Accept
/// negotiation: no input crashes them, and their answers stay within what they were offered.
enum HeaderTarget {
    static let offers = ["text/html", "application/json", "application/xml", "text/xml"]

    static func run(_ bytes: [UInt8]) {
        var input = FuzzInput(bytes)
        let cookieHeaders = [input.string(), input.string()]
        let text = input.restString

        let cookies = Cookies.parse(cookieHeaders)
        for (name, value) in cookies {
            require(!name.isEmpty, "a cookie without a name")
            let all = Cookies.values(named: name, in: cookieHeaders)
            require(all.first == value, "parse and values disagree on the first \(name)")
        }

        let header = HeaderValue(text)
        for name in header.parameters.keys {
            require(name == name.lowercased(), "parameter name \(name) is not lower-cased")
        }
        if let boundary = MultipartParser.boundary(fromContentType: text) {
            require(!boundary.isEmpty, "an empty boundary")
        }

        if let chosen = Negotiation.preferred(text, among: offers) {
            require(offers.contains(chosen), "negotiation chose \(chosen), which was not offered")
        }
    }
}
