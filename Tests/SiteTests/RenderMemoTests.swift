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
}
