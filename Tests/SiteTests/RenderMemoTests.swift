import Foundation
import Testing

@testable import Site

/// Pages are kept by the exact model they were rendered from: the same model is rendered once,
/// any difference renders again, and models holding other than plain values are never kept.
@Suite struct RenderMemoTests {
    @Test func differentModelsNeverShareAKey() {
        let models: [[String: Any]] = [
            ["x": "1"], ["x": 1], ["x": true], ["x": false], ["x": ["1"]], ["x": ["y": "1"]], ["x": ["y": 1]],
            ["ab": "c"], ["a": "bc"], ["a": "b", "c": ""], ["a": "b,c"], ["x": [String]()], ["x": [String: Any]()],
            ["x": ["a", "b"]], ["x": ["ab"]], ["x": [["a": "b"]]], [:],
        ]
        var keys: Set<[UInt8]> = []
        for model in models {
            var key: [UInt8] = []
            #expect(RenderMemo.encode(model, into: &key), "\(model)")
            keys.insert(key)
        }
        #expect(keys.count == models.count)
    }

    @Test func theSameModelIsRenderedOnceAndOthersAlways() {
        let memo = RenderMemo()
        var renders = 0
        func page(_ model: [String: Any]) -> [UInt8] {
            memo.page("t", model) {
                renders += 1
                return Array("\(renders)".utf8)
            }
        }
        let first = page(["user": ["username": "alice"], "count": 3])
        #expect(page(["user": ["username": "alice"], "count": 3]) == first && renders == 1)
        #expect(page(["user": ["username": "alice"], "count": 4]) != first && renders == 2)
        #expect(page(["user": ["username": "bob"], "count": 3]) != first && renders == 3)
        // A date (or any type outside the plain ones) is not kept: rendered every time.
        _ = page(["when": Date(timeIntervalSince1970: 0)])
        _ = page(["when": Date(timeIntervalSince1970: 0)])
        #expect(renders == 5)
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
        var first: [UInt8] = []
        var second: [UInt8] = []
        #expect(RenderMemo.encode(values, into: &first))
        #expect(RenderMemo.encode(try TemplateEncoder.encode(sample).values, into: &second))
        #expect(first == second)
    }
}
