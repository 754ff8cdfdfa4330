import Foundation

/// A parsed `multipart/form-data` body: text fields in memory, file parts on disk.
public struct MultipartForm: Sendable {
    public struct File: Sendable {
        /// The form field's name.
        public let field: String
        /// The client's filename: a hint for a title, never trusted for type or path.
        public let filename: String
        /// The client's Content-Type for the part: likewise only a hint.
        public let contentType: String?
        /// Where the bytes are, inside the request's scratch space.
        public let path: String
        public let size: Int
    }

    public struct Limits: Sendable {
        /// Bytes of one text field.
        public var fieldBytes = 1024 * 1024
        /// Bytes of all text fields together.
        public var totalFieldBytes = 4 * 1024 * 1024
        public var parser = MultipartParser.Limits()

        public init() {}
    }

    public private(set) var fields = Parameters()
    public private(set) var files: [File] = []

    public func file(_ field: String) -> File? { files.first { $0.field == field } }

    /// Parses the request's body; file parts are written to `request.scratch`.
    public init(request: Request, limits: Limits = Limits()) throws {
        guard let boundary = MultipartParser.boundary(fromContentType: request.headers["Content-Type"]) else {
            throw HTTPError(.badRequest, "Expected a multipart/form-data body with a boundary.")
        }
        guard let scratch = request.scratch else {
            throw HTTPError(.internalServerError, "No scratch space for uploads.")
        }
        let parser = try MultipartParser(boundary: boundary, limits: limits.parser)
        var collector = Collector(scratch: scratch, limits: limits)
        defer { collector.closeFile() }
        do {
            try request.body.forEachChunk(size: 256 * 1024) { chunk in
                try parser.feed(chunk) { try collector.handle($0) }
            }
            try parser.finish()
        } catch let failure as MultipartParser.Failure {
            throw HTTPError(.badRequest, failure.description)
        }
        fields = collector.fields
        files = collector.files
    }

    /// Turns parser events into fields and files.
    private struct Collector {
        let scratch: ScratchSpace
        let limits: Limits
        var fields = Parameters()
        var files: [File] = []
        var totalFieldBytes = 0

        var name = ""
        var filename: String?
        var contentType: String?
        var text: [UInt8] = []
        var handle: FileHandle?
        var path = ""
        var size = 0

        init(scratch: ScratchSpace, limits: Limits) {
            self.scratch = scratch
            self.limits = limits
        }

        mutating func handle(_ event: MultipartParser.Event) throws {
            switch event {
            case .headers(let headers):
                guard let disposition = headers["Content-Disposition"].map(HeaderValue.init),
                    disposition.value.lowercased() == "form-data", let fieldName = disposition.parameters["name"]
                else {
                    throw HTTPError(.badRequest, "Malformed multipart body: a part has no form-data name.")
                }
                name = fieldName
                filename = disposition.parameters["filename"]
                contentType = headers["Content-Type"]
                text = []
                size = 0
                if filename != nil {
                    path = try scratch.makeFile()
                    handle = FileHandle(forWritingAtPath: path)
                }
            case .body(let bytes):
                size += bytes.count
                if let handle {
                    try bytes.withUnsafeBytes { try handle.write(contentsOf: $0) }
                } else {
                    totalFieldBytes += bytes.count
                    guard size <= limits.fieldBytes, totalFieldBytes <= limits.totalFieldBytes else {
                        throw HTTPError(.payloadTooLarge, "The form field \(name) is too large.")
                    }
                    text.append(contentsOf: bytes)
                }
            case .partEnd:
                if let filename {
                    closeFile()
                    files.append(
                        File(field: name, filename: filename, contentType: contentType, path: path, size: size))
                } else {
                    guard let value = String(validating: text, as: UTF8.self) else {
                        throw HTTPError(.badRequest, "The form field \(name) is not UTF-8 text.")
                    }
                    fields.append(name, value)
                }
            }
        }

        mutating func closeFile() {
            try? handle?.close()
            handle = nil
        }
    }
}
