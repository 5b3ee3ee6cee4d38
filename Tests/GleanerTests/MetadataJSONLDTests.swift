import Testing
@testable import GleanerExtract

@Suite struct MetadataJSONLDTests {
    @Test func yoastGraphResolvesReferences() throws {
        let jsonLD = """
            {"@context":"https://schema.org","@graph":[
              {"@type":"Organization","@id":"https://example.org/#org","name":"Example Zeitung"},
              {"@type":"WebSite","@id":"https://example.org/#website","name":"Example Site","publisher":{"@id":"https://example.org/#org"}},
              {"@type":"WebPage","@id":"https://example.org/a/#webpage","inLanguage":"de-CH","isPartOf":{"@id":"https://example.org/#website"}},
              {"@type":"Person","@id":"https://example.org/#/schema/person/1","name":"Anna Muster"},
              {"@type":"NewsArticle","@id":"https://example.org/a/#article","headline":"Schulhaus wird später saniert",
               "author":{"@id":"https://example.org/#/schema/person/1"},"publisher":{"@id":"https://example.org/#org"},
               "datePublished":"2023-09-11T14:05:00+02:00","dateModified":"2023-09-12T08:00:00Z",
               "keywords":["Basel","Schule"],"image":{"@type":"ImageObject","url":"https://example.org/img/a.jpg"}}
            ]}
            """
        let html = page(head: "<script type=\"application/ld+json\">\(jsonLD)</script>", body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.headline == "Schulhaus wird später saniert")
        #expect(metadata.authors == ["Anna Muster"])
        #expect(metadata.siteName == "Example Zeitung")
        #expect(metadata.language == "de-CH")
        #expect(metadata.published == "2023-09-11T14:05:00+02:00")
        #expect(metadata.modified == "2023-09-12T08:00:00+00:00")
        #expect(metadata.tags == ["Basel", "Schule"])
        #expect(metadata.image == "https://example.org/img/a.jpg")
        #expect(metadata.pageType == .article)
    }

    @Test func arrayWithPrefixedTypeAndNestedList() throws {
        let jsonLD = """
            [{"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","name":"Home"}]},
             {"@type":["schema:ReportageNewsArticle"],"headline":"Main story","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
              "relatedLink":[{"@type":"NewsArticle","headline":"Other story","author":{"@type":"Person","name":"Not Me"}}]}]
            """
        let html = page(head: "<script type=\"application/ld+json\">\(jsonLD)</script>", body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.headline == "Main story")
        #expect(metadata.authors == ["Jane Doe", "John Roe"])
    }

    @Test func mainEntityOfWebPage() throws {
        let jsonLD = """
            {"@type":"WebPage","name":"Page","mainEntity":{"@type":"BlogPosting","headline":"Posted thoughts","author":"Mary Major"}}
            """
        let html = page(head: "<script type=\"application/ld+json\">\(jsonLD)</script>", body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.headline == "Posted thoughts")
        #expect(metadata.authors == ["Mary Major"])
    }

    @Test func brokenJSONIsRepaired() throws {
        // A raw line break inside a string and a trailing comma: Foundation rejects both.
        let jsonLD = "<!--\n{\"@type\": \"NewsArticle\", \"headline\": \"Line\nbreak\", \"author\": {\"@type\": \"Person\", \"name\": \"Jane Doe\",},}\n-->"
        let html = page(head: "<script type=\"application/ld+json\">\(jsonLD)</script>", body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.headline == "Line break")
        #expect(metadata.authors == ["Jane Doe"])
    }

    @Test func unparseableJSONIsSalvaged() throws {
        let jsonLD = "{\"@type\": \"NewsArticle\", \"headline\": \"Still readable\", \"description\": \"an \"unescaped\" quote\", \"datePublished\": \"2023-09-11T10:00:00Z\"}"
        #expect(JSONLDReader.parse(jsonLD) == nil)
        let html = page(head: "<script type=\"application/ld+json\">\(jsonLD)</script>", body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.headline == "Still readable")
        #expect(metadata.published == "2023-09-11T10:00:00+00:00")
    }

    @Test func concatenatedObjectsAreParsed() throws {
        let value = JSONLDReader.parse("{\"@type\":\"Organization\",\"name\":\"A\"}\n{\"@type\":\"NewsArticle\",\"headline\":\"B\"}")
        let array = try #require(value as? [Any])
        #expect(array.count == 2)
    }

    @Test func htmlEntitiesInJSONLDAreDecoded() throws {
        let jsonLD = "{\"@type\":\"NewsArticle\",\"headline\":\"Putin&#8217;s trip &amp; Kim&#x2019;s train\"}"
        let html = page(head: "<script type=\"application/ld+json\">\(jsonLD)</script>", body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.headline == "Putin\u{2019}s trip & Kim\u{2019}s train")
    }

    @Test func organizationAuthorIsAgencyOrNothing() throws {
        let jsonLD = """
            {"@type":"NewsArticle","headline":"Wire copy","author":[{"@type":"Organization","name":"dpa"},{"@type":"Organization","name":"Example Zeitung"}]}
            """
        let html = page(head: "<script type=\"application/ld+json\">\(jsonLD)</script>", body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.authors.isEmpty)
        #expect(metadata.agency == "dpa")
    }

    @Test func collectionPageIsIndex() throws {
        let jsonLD = "{\"@type\":\"CollectionPage\",\"name\":\"Basel\"}"
        var teasers = ""
        for i in 1...8 {
            teasers += "<article><h2><a href=\"/a\(i)\">Teaser headline number \(i) for the list</a></h2><p>Short summary of story \(i).</p></article>"
        }
        let html = page(head: "<script type=\"application/ld+json\">\(jsonLD)</script>", body: "<h1>Basel</h1>" + teasers)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.pageType == .index)
        #expect(metadata.headline == "Basel")
    }
}
