import Foundation
import Testing

@testable import Site

/// Pages are kept by the exact model they were rendered from: the same model is rendered once,
/// any difference renders again.
@Suite struct RenderMemoTests {
    struct X<T: Encodable>: Encodable { let x: T }
    struct Inner: Encodable { let b: Int }
    struct InnerWithC: Encodable {
        let b: Int
        let c: Int
    }
    struct Outer: Encodable {
        let a: Inner
        let c: Int
    }
    struct OuterHolding: Encodable { let a: InnerWithC }
    struct AB: Encodable { let ab: String }
    struct ABC: Encodable { let a: String }
    struct Empty: Encodable {}

    func key(_ model: some Encodable) throws -> [UInt8] { try ModelKey.encode(model).key }

    @Test func differentModelsNeverShareAKey() throws {
        let keys: [[UInt8]] = [
            try key(X(x: "1")), try key(X(x: 1)), try key(X(x: true)), try key(X(x: false)), try key(X(x: ["1"])),
            try key(X(x: ["y": "1"])), try key(X(x: ["y": 1])), try key(X(x: [String]())),
            try key(X(x: [String: String]())), try key(X(x: ["a", "b"])), try key(X(x: ["ab"])),
            try key(X(x: [["a": "b"]])), try key(X(x: X(x: "1"))), try key(X(x: [X(x: 1), X(x: 2)])),
            try key(X(x: [X(x: [1]), X(x: [2])])), try key(X(x: [X(x: [1, 2])])), try key(X<String?>(x: nil)),
            try key(Outer(a: Inner(b: 1), c: 2)), try key(OuterHolding(a: InnerWithC(b: 1, c: 2))),
            try key(AB(ab: "c")), try key(ABC(a: "bc")), try key(Empty()),
        ]
        #expect(Set(keys).count == keys.count)
    }

    /// A list of string dictionaries is written without a container per row, exactly as the
    /// list's own `encode` would write it; numbers of any size are written in decimal.
    @Test func listsOfDictionariesAreWrittenAsTheirOwnEncodingWouldBe() throws {
        struct Rows: Encodable {
            let rows: [[String: String]]
            func encode(to encoder: Encoder) throws {
                var list = encoder.unkeyedContainer()
                for row in rows { try list.encode(row) }
            }
        }
        let rows = (0..<120).map { ["code": "A\($0)", "name": "Album \($0)", "z": String(repeating: "x", count: $0)] }
        #expect(try key(X(x: rows)) == key(X(x: Rows(rows: rows))))
        #expect(try key(X(x: [[String: String]]())) == key(X(x: Rows(rows: []))))
        for number in [0, 7, 9, 10, 99, 100, 12345, -1, -10, Int.max, Int.min] {
            #expect(String(decoding: try key(X(x: number)), as: UTF8.self).hasSuffix("i\(number);"), "\(number)")
        }
    }

    @Test func theSameModelIsRenderedOnceAndOthersAlways() throws {
        let memo = RenderMemo()
        var renders = 0
        func page(_ model: some Encodable) throws -> [UInt8] {
            try memo.page("t", key: try key(model)) {
                renders += 1
                return Array("\(renders)".utf8)
            }
        }
        let first = try page(X(x: ["username": "alice", "count": "3"]))
        #expect(try page(X(x: ["username": "alice", "count": "3"])) == first && renders == 1)
        #expect(try page(X(x: ["username": "alice", "count": "4"])) != first && renders == 2)
        #expect(try page(X(x: ["username": "bob", "count": "3"])) != first && renders == 3)
    }

    struct Sample: Encodable {
        struct Row: Encodable {
            let name: String
            let cover: String?
        }
        let title: String
        let count: Int
        let id: Int64
        let empty: Bool
        let rows: [Row]
        let links: [String: String]
        let missing: String?
        let tiles: Slot
    }

    /// Typed page models become the plain values templates and the memo's key take: nil
    /// optionals leave their key out, slots are set aside with their marks in place, and the
    /// same model always makes the same key.
    @Test func typedModelsEncodeToPlainValuesAndSlots() throws {
        let sample = Sample(
            title: "T", count: 3, id: 7, empty: false,
            rows: [.init(name: "a", cover: nil), .init(name: "b", cover: "/c.jpg")], links: ["x": "/x"],
            missing: nil, tiles: Slot("<li>tile</li>"))
        let (values, slots) = try TemplateEncoder.encode(sample)
        #expect(values["title"] as? String == "T" && values["count"] as? Int == 3 && values["id"] as? Int == 7)
        #expect(values["empty"] as? Bool == false && values.keys.contains("missing") == false)
        let rows = values["rows"] as? [Any] ?? []
        #expect((rows.first as? [String: Any])?.keys.sorted() == ["name"])
        #expect((rows.last as? [String: Any])?["cover"] as? String == "/c.jpg")
        #expect((values["links"] as? [String: Any])?["x"] as? String == "/x")
        #expect(
            values["tiles"] as? String == Slot.mark("tiles") && slots["tiles"]?.bytes == Array("<li>tile</li>".utf8))
        // Equal models make equal keys, however their dictionaries were built (Swift seeds each
        // dictionary's hashing by its storage, so equal ones may iterate apart).
        let links = Dictionary(uniqueKeysWithValues: (0..<40).map { ("k\($0)", "v\($0)") })
        var rebuilt: [String: String] = [:]
        for (key, value) in links.sorted(by: { $0.key > $1.key }) { rebuilt[key] = value }
        let (first, firstSlots) = try ModelKey.encode(X(x: links))
        #expect(try ModelKey.encode(X(x: rebuilt)).key == first && firstSlots.isEmpty)
        let (sampleKey, sampleSlots) = try ModelKey.encode(sample)
        #expect(sampleSlots["tiles"]?.bytes == Array("<li>tile</li>".utf8))
        #expect(try ModelKey.encode(sample).key == sampleKey)
    }
}
