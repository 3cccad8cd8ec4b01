import FlyingFox
import Foundation

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

    /// Builds, then serves until the task is cancelled. `ready` gets the address once listening.
    public func run(ready: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        try rebuild()
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port))
        let root = URL(fileURLWithPath: options.output).standardizedFileURL
        let state = self.state
        await server.appendRoute("GET /__jixiao/version") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain", .cacheControl: "no-store"],
                         body: Data(String(await state.version).utf8))
        }
        await server.appendRoute("GET *", to: SiteFileHandler(root: root))
        let watcher = Task { [self] in await watch() }
        defer { watcher.cancel() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening()
                var address = "http://127.0.0.1:\(self.port)/"
                switch await server.listeningAddress {
                case let .ip4(host, port)?: address = "http://\(host):\(port)/"
                case let .ip6(host, port)?: address = "http://[\(host)]:\(port)/"
                default: break
                }
                ready(address)
            }
            try await group.waitForAll()
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
struct SiteFileHandler: HTTPHandler {
    let root: URL

    static let reloadScript = """
        <script>(function(){var v=null;setInterval(function(){fetch('/__jixiao/version',{cache:'no-store'})\
        .then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t})\
        .catch(function(){})},1000)})();</script>
        """

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        var path = request.path.removingPercentEncoding ?? request.path
        if path.hasSuffix("/") { path += "index.html" }
        let parts = path.split(separator: "/")
        guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else {
            return HTTPResponse(statusCode: .forbidden)
        }
        var url = root
        for part in parts { url.appendPathComponent(String(part)) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            url.appendPathComponent("index.html")
        }
        guard url.standardizedFileURL.path.hasPrefix(root.path), var data = FileManager.default.contents(atPath: url.path) else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("404 未找到\n".utf8))
        }
        let type = Self.contentType(url.pathExtension)
        if url.pathExtension == "html", let html = String(data: data, encoding: .utf8) {
            data = Data(html.replacingOccurrences(of: "</body>", with: Self.reloadScript + "\n</body>").utf8)
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: data)
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
