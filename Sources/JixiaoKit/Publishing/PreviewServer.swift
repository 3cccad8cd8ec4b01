import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// `jixiao serve`: builds, serves the site on localhost, watches the content and theme
/// folders, rebuilds on a change and reloads the open page.
public final class PreviewServer: Sendable {
    public let options: SiteBuilder.Options
    public let port: UInt16
    private let state = LiveState()
    private let log: @Sendable (String) -> Void

    /// `port` 0 picks a free port; `log` receives one line per event.
    public init(options: SiteBuilder.Options, port: UInt16, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.port = port
        self.log = log
    }

    /// Builds, then serves until the task is cancelled (Ctrl-C ends the process at once: a
    /// build cut short is finished or thrown away by the next one). `ready` gets the address
    /// once listening.
    public func run(ready: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        try rebuild()
        let files = SiteFileHandler(root: URL(fileURLWithPath: options.output).standardizedFileURL)
        let state = self.state
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: Int(port)) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                }
            }
        ready("http://127.0.0.1:\(server.channel.localAddress?.port ?? Int(port))/")
        let watcher = Task { [self] in await watch() }
        defer { watcher.cancel() }
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask {
                        // A client that goes away mid-answer is its own business.
                        try? await Self.answer(connection, files: files, state: state)
                    }
                }
            }
        }
    }

    /// Answers one connection's requests in turn (HTTP/1.1 keep-alive): GET and HEAD only.
    private static func answer(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
                               files: SiteFileHandler, state: LiveState) async throws {
        try await connection.executeThenClose { requests, responses in
            var head: HTTPRequestHead?
            for try await part in requests {
                switch part {
                case .head(let started): head = started
                case .body: continue
                case .end:
                    guard let request = head else { continue }
                    head = nil
                    // The path without the query (pages are files: a query changes nothing).
                    let path = String(request.uri.prefix { $0 != "?" })
                    var reply: SiteFileHandler.Reply
                    if request.method != .GET && request.method != .HEAD {
                        reply = .init(status: .methodNotAllowed, type: "text/plain; charset=utf-8", body: Array("405\n".utf8))
                        reply.headers.add(name: "Allow", value: "GET, HEAD")
                    } else if path == "/__jixiao/version" {
                        reply = .init(status: .ok, type: "text/plain", body: Array(String(await state.version).utf8))
                    } else {
                        reply = files.reply(to: path)
                    }
                    reply.headers.add(name: "Content-Length", value: String(reply.body.count))
                    reply.headers.add(name: "Connection", value: request.isKeepAlive ? "keep-alive" : "close")
                    try await responses.write(.head(HTTPResponseHead(version: request.version, status: reply.status, headers: reply.headers)))
                    if request.method != .HEAD { try await responses.write(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))) }
                    try await responses.write(.end(nil))
                    if !request.isKeepAlive { return }
                }
            }
        }
    }

    private func rebuild() throws {
        let started = Date()
        let report = try SiteBuilder(options: options).build()
        let seconds = Date().timeIntervalSince(started)
        log("built: \(report.documents) documents (\(report.submissionsRead) read), \(report.findings) issues, "
            + "\(report.written) files written, \(report.unchanged) unchanged " + String(format: "in %.2f s", seconds))
    }

    /// Polls the content and theme folders twice a second; a change rebuilds and bumps the version.
    private func watch() async {
        var last = fingerprint()
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 500_000_000)
            let now = fingerprint()
            guard now != last else { continue }
            last = now
            log("change seen, rebuilding")
            do {
                try rebuild()
                await state.bump()
            } catch {
                log("build failed, the previous site stays: \(error)")
            }
        }
    }

    /// Every file's path, size and modification time under the watched folders.
    func fingerprint() -> [String] {
        var out: [String] = []
        for folder in [options.content, options.theme] {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = (folder as NSString).appendingPathComponent(relative)
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                      attributes[.type] as? FileAttributeType != .typeDirectory else { continue }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                out.append("\(path)|\(size)|\(modified)")
            }
        }
        return out.sorted()
    }
}

/// The build number pages poll to know when to reload.
actor LiveState {
    private(set) var version = 1
    func bump() { version += 1 }
}

/// Serves files under the site folder; HTML gets a small script that reloads the page
/// when the build number changes. Paths never leave the folder.
struct SiteFileHandler: Sendable {
    let root: URL

    static let reloadScript = """
        <script>(function(){var v=null;setInterval(function(){fetch('/__jixiao/version',{cache:'no-store'})\
        .then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t})\
        .catch(function(){})},1000)})();</script>
        """

    /// What the server sends back: every answer is no-store, so a rebuilt page is never stale.
    struct Reply {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: [UInt8]

        init(status: HTTPResponseStatus, type: String, body: [UInt8]) {
            self.status = status
            self.headers = ["Content-Type": type, "Cache-Control": "no-store"]
            self.body = body
        }
    }

    /// The file at `requestPath` (as the request line has it, percent-encoded).
    func reply(to requestPath: String) -> Reply {
        var path = requestPath.removingPercentEncoding ?? requestPath
        if path.hasSuffix("/") { path += "index.html" }
        let parts = path.split(separator: "/")
        guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else {
            return Reply(status: .forbidden, type: "text/plain; charset=utf-8", body: Array("403\n".utf8))
        }
        var url = root
        for part in parts { url.appendPathComponent(String(part)) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            url.appendPathComponent("index.html")
        }
        guard url.standardizedFileURL.path.hasPrefix(root.path), var data = FileManager.default.contents(atPath: url.path) else {
            return Reply(status: .notFound, type: "text/plain; charset=utf-8", body: Array("404 未找到\n".utf8))
        }
        if url.pathExtension == "html", let html = String(data: data, encoding: .utf8) {
            data = Data(html.replacingOccurrences(of: "</body>", with: Self.reloadScript + "\n</body>").utf8)
        }
        return Reply(status: .ok, type: Self.contentType(url.pathExtension), body: [UInt8](data))
    }

    static func contentType(_ ext: String) -> String {
        switch ext {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "xml": "application/xml; charset=utf-8"
        case "md", "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        default: "application/octet-stream"
        }
    }
}
