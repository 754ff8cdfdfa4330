import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the small XML documents S3 answers with (errors, ListObjectsV2, multipart uploads) as
/// a flat list of leaf elements in document order: enough for every answer Albumen reads.
enum S3XML {
    static func leaves(in data: Data) -> [(name: String, text: String)] {
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        parser.parse()
        return reader.leaves
    }

    static func values(in data: Data, named name: String) -> [String] {
        leaves(in: data).filter { $0.name == name }.map(\.text)
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var leaves: [(name: String, text: String)] = []
        private var text = ""

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            leaves.append((elementName, text))
            text = ""
        }
    }

    /// `2026-12-01T06:11:11.000Z` or without the fraction.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
