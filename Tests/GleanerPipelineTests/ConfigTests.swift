import GleanerTestSupport
import Foundation
import Testing
@testable import GleanerPipeline

/// Pipeline files: every mistake names file, line and key, with a fixed message.
@Suite struct ConfigTests {
    func error(_ yaml: String) -> String? {
        do {
            _ = try PipelineConfig.parse(yaml: yaml, file: "p.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func unknownKeyNamesLineAndKey() {
        #expect(error("sources:\n  urls: [http://a.org/]\n  sitemap: [http://a.org/s.xml]\nsinks:\n  - {type: jsonl, path: o.jsonl}\n")
            == "p.yaml:3: sources.sitemap: unknown key (allowed here: urls, files, directories, feeds, sitemaps, sites, warc)")
        // Every mistake of the file, in line order (validate reports them all at once).
        #expect(error("sources: {urls: [http://a.org/]}\nsink: []\n")
            == "p.yaml:1: missing required key `sinks`\n"
            + "p.yaml:2: sink: unknown key (allowed here: name, state, sources, fetch, extract, filters, normalize, boilerplate, duplicates, sites, rules, sinks, discovery, retry_failed_after)")
    }

    @Test func rulesFileIsReadAndChecked() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("good.json", #"{"extraction": {"boilerplateTokens": {"add": ["rail"]}}}"#)
        _ = try dir.write("bad.json", #"{"extraction": {"boilerplateTokenz": []}}"#)
        let file = dir.url.appendingPathComponent("p.yaml").path
        let config = try PipelineConfig.parse(yaml: "sources: {urls: [http://a.org/]}\nrules: good.json\nsinks: [{type: jsonl, path: o}]\n", file: file)
        #expect(config.rules?.rules().boilerplateTokens.contains("rail") == true)
        do {
            _ = try PipelineConfig.parse(yaml: "sources: {urls: [http://a.org/]}\nrules: bad.json\nsinks: [{type: jsonl, path: o}]\n", file: file)
            Issue.record("a bad rule file must not validate")
        } catch {
            #expect(error.description.contains(":2: rules:"))
            #expect(error.description.contains("boilerplateTokenz is not a rule name"))
        }
    }

    @Test func wrongTypes() {
        #expect(error("sources: {urls: [http://a.org/]}\nfetch:\n  concurrency: lots\nsinks: [{type: jsonl, path: o}]\n")
            == "p.yaml:3: fetch.concurrency: expected an integer, found \"lots\"")
        #expect(error("sources:\n  feeds: http://a.org/feed\nsinks: [{type: jsonl, path: o}]\n")
            == "p.yaml:2: sources.feeds: expected a list, found a scalar")
        #expect(error("sources: {urls: [http://a.org/]}\nfilters:\n  same_host: maybe\nsinks: [{type: jsonl, path: o}]\n")
            == "p.yaml:3: filters.same_host: expected true or false, found \"maybe\"")
        #expect(error("sources: {urls: [http://a.org/]}\nsinks:\n  - type: jsonl\n    path: o\n  - type: csv\n    path: x\n")
            == "p.yaml:5: sinks[1].type: unknown sink type \"csv\" (known: jsonl, sqlite, files, warc)")
        #expect(error("sources: {urls: [http://a.org/]}\nnormalize: [whitespace, spelling]\nsinks: [{type: jsonl, path: o}]\n")
            == "p.yaml:2: normalize[1]: unknown normalizer \"spelling\" (known: whitespace, dates, urls, authors, boilerplate)")
    }

    @Test func missingAndInvalidValues() {
        #expect(error("sources: {urls: [http://a.org/]}\n") == "p.yaml:1: missing required key `sinks`")
        #expect(error("sources: {}\nsinks: [{type: jsonl, path: o}]\n")
            == "p.yaml:1: sources: no sources: give at least one of urls, files, directories, feeds, sitemaps, sites, warc")
        #expect(error("sources:\n  feeds: [ftp://a.org/feed]\nsinks: [{type: jsonl, path: o}]\n")
            == "p.yaml:2: sources.feeds[0]: not an http(s) URL: ftp://a.org/feed")
        #expect(error("sources: {urls: [http://a.org/]}\nsinks:\n  - type: sqlite\n") == "p.yaml:3: sinks[0]: missing required key `path`")
        #expect(error("sources: {urls: [http://a.org/]}\nfilters:\n  include: ['(unclosed']\nsinks: [{type: jsonl, path: o}]\n")
            == "p.yaml:3: filters.include[0]: not a valid regular expression: (unclosed")
        #expect(error("sources: {urls: [http://a.org/]}\nsites:\n  a.org:\n    body: 'div..x'\nsinks: [{type: jsonl, path: o}]\n")
            == "p.yaml:4: sites.a.org.body: bad selector: expected a name at offset 4 in \"div..x\"")
        #expect(error("sources: [\n") == "p.yaml:2: not valid YAML: while parsing a flow node did not find expected node content")
        #expect(error("") == "p.yaml: the file is empty")
    }

    @Test func shippedPipelinesAreValid() throws {
        let directory = LoopbackServer.supportDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Pipelines")
        for name in ["samples.yaml", "news-feeds.yaml", "saved-html.yaml"] {
            let config = try PipelineConfig.load(path: directory.appendingPathComponent(name).path)
            #expect(!config.sinks.isEmpty)
        }
        let samples = try PipelineConfig.load(path: directory.appendingPathComponent("samples.yaml").path)
        #expect(samples.sinks.map(\.kind) == [.jsonl, .sqlite])
        #expect(samples.sources.directories.first?.hasSuffix("/Samples") == true)
        #expect(samples.statePath == samples.sinks[1].path)
    }

    @Test func decodesEverySection() throws {
        let yaml = """
            name: full
            state: state.sqlite
            sources:
              urls: [http://a.org/1]
              feeds: [http://a.org/feed]
            fetch: {concurrency: 3, per_host: 1, delay: 0.5, obey_robots: false}
            filters: {include: ['/news/'], exclude: ['/video/'], same_host: true, min_words: 10, languages: [DE], published_after: '2024-01-01'}
            normalize: [dates, urls]
            boilerplate: [Mehr dazu]
            duplicates: {max_distance: 4}
            sites:
              A.org: {headline: h1.title, body: 'div#story > p', remove: [.ad, '[data-ad]']}
            sinks: [{type: sqlite, path: /tmp/x.sqlite}]
            """
        let config = try PipelineConfig.parse(yaml: yaml, file: "/p/full.yaml")
        #expect(config.name == "full")
        #expect(config.statePath == "/p/state.sqlite")
        #expect(config.fetch.concurrency == 3 && config.fetch.perHost == 1 && config.fetch.delay == 0.5 && !config.fetch.obeyRobots)
        #expect(config.filters.languages == ["de"])
        #expect(config.filters.publishedAfter == "2024-01-01")
        #expect(config.normalizers == [.dates, .urls])
        #expect(config.duplicates.maxDistance == 4)
        #expect(config.sites["a.org"]?.remove.count == 2)
    }
}

/// `fetch:` TLS keys: CA paths relative to the pipeline file, `insecure` explicit.
@Suite struct FetchTLSConfigTests {
    @Test func caKeysResolveAgainstThePipelineFile() throws {
        let config = try PipelineConfig.parse(
            yaml: "sources: {urls: [https://a.org/]}\nfetch: {cacert: certs/ca.pem, capath: /etc/ssl/certs, insecure: true}\nsinks: [{type: jsonl, path: o}]\n",
            file: "/srv/pipes/p.yaml")
        #expect(config.fetch.caFile == "/srv/pipes/certs/ca.pem")
        #expect(config.fetch.caDirectory == "/etc/ssl/certs")
        #expect(config.fetch.insecure)
        let plain = try PipelineConfig.parse(yaml: "sources: {urls: [https://a.org/]}\nsinks: [{type: jsonl, path: o}]\n", file: "/p.yaml")
        #expect(plain.fetch.caFile == nil && !plain.fetch.insecure)
    }
}
