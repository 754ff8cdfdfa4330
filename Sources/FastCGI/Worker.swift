import CFastCGI
import Foundation
import HTTP
import Logging

/// One worker thread: accept a request, read it, answer it, repeat until the listener closes.
final class Worker: @unchecked Sendable {
    private let listener: Int32
    private let configuration: FastCGIConfiguration
    private let logger: Logger
    private let responder: FastCGIServer.Responder

    init(
        listener: Int32, configuration: FastCGIConfiguration, logger: Logger,
        responder: @escaping FastCGIServer.Responder
    ) {
        self.listener = listener
        self.configuration = configuration
        self.logger = logger
        self.responder = responder
    }

    func run() {
        // libfcgi's streams point back into the request: it needs a stable address.
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        defer { request.deallocate() }
        guard FCGX_InitRequest(request, listener, 0) == 0 else {
            logger.error("FCGX_InitRequest failed")
            return
        }
        while FCGX_Accept_r(request) >= 0 {
            serve(request)
            // libfcgi closes each connection "lingering": shutdown, then poll until nginx closes
            // its end, so a TCP peer's late data can't turn into a reset that loses the answer.
            // Over nginx's unix socket nothing follows a request once its input has been read to
            // the end, and that wait was a third of a media fetch's time in the process: such
            // connections are detached, which libfcgi closes at once. Others still linger.
            // (A GET's empty input is read here, after the answer, rather than before it.)
            if FCGX_HasSeenEOF(request.pointee.in) == 0 { _ = FCGX_GetChar(request.pointee.in) }
            if FCGX_HasSeenEOF(request.pointee.in) != 0 { FCGX_Detach(request) }
            FCGX_Finish_r(request)
        }
        FCGX_Free(request, 1)
    }

    private func serve(_ fcgi: UnsafeMutablePointer<FCGX_Request>) {
        let started = DispatchTime.now()
        // Copied into Swift strings now: libfcgi frees them at FCGX_Finish_r.
        let params = Self.parameters(fcgi.pointee.envp)
        let scratch = ScratchSpace(directory: configuration.scratchDirectory)
        defer { scratch.removeAll() }

        let response: Response
        var request: Request?
        do {
            // The head first: RequestBuilder already knows method and length, the body reader needs them.
            var built = try RequestBuilder.build(params: params, scratch: scratch)
            do {
                built.body = try BodyReader(stream: fcgi.pointee.in, configuration: configuration)
                    .read(
                        declaredLength: built.headers["Content-Length"].flatMap { Int($0) }, method: built.method,
                        scratch: scratch)
            } catch let error as HTTPError {
                built.transportError = error
            }
            request = built
            response = responder(built)
        } catch let error as HTTPError {
            response = .text(error.message + "\n", status: error.status)
        } catch {
            response = .text("Internal error\n", status: .internalServerError)
        }

        // Scanning the params again only when no request could be built (a header flood).
        let method = request?.method ?? params.first { $0.0 == "REQUEST_METHOD" }?.1 ?? "-"
        let head = ResponseSerializer.head(response)
        let body = method == "HEAD" ? [] : response.body
        if let stream = response.stream, method != "HEAD" {
            // The head, then each chunk as its own records: nothing of the body is held.
            let headSent = DirectOutput.send([head], fcgi)
            do {
                try stream { chunk in
                    guard headSent, DirectOutput.send([chunk], fcgi) else {
                        throw HTTPError(.badRequest, "client gone")
                    }
                }
            } catch {
                logger.notice("\(request?.id ?? "-") stream stopped: \(error)")
            }
        } else if head.count + body.count >= DirectOutput.threshold {
            _ = DirectOutput.send([head, body], fcgi)
        } else {
            for part in [head, body] where !part.isEmpty {
                part.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { chars in
                        _ = FCGX_PutStr(chars.baseAddress, Int32(chars.count), fcgi.pointee.out)
                    }
                }
            }
        }
        // Milliseconds to the microsecond (kept answers take tens of them: tenths of a millisecond
        // said 0.0 or 0.1), by integer arithmetic: String(format:) cost 3% of a request.
        let micros = (DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000
        let fraction = micros % 1000
        let zeros = fraction < 10 ? "00" : fraction < 100 ? "0" : ""
        let path = request?.rawPath ?? params.first { $0.0 == "REQUEST_URI" }?.1 ?? "-"
        logger.info(
            "\(request?.id ?? "-") \(method) \(path) \(response.status.code) \(micros / 1000).\(zeros)\(fraction)ms")
    }

    /// Copies every `NAME=value` parameter into Swift strings, scanning bytes (not Characters:
    /// this runs for some thirty parameters on every request).
    private static func parameters(_ envp: FCGX_ParamArray?) -> [(String, String)] {
        var params: [(String, String)] = []
        params.reserveCapacity(32)
        guard var cursor = envp else { return params }
        while let entry = cursor.pointee {
            let length = strlen(entry)
            entry.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                let pair = UnsafeBufferPointer(start: bytes, count: length)
                if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                    params.append(
                        (
                            String(decoding: UnsafeBufferPointer(rebasing: pair[..<equals]), as: UTF8.self),
                            String(decoding: UnsafeBufferPointer(rebasing: pair[(equals + 1)...]), as: UTF8.self)
                        ))
                }
            }
            cursor += 1
        }
        return params
    }
}
