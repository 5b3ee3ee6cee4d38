import GleanerHTML
import GleanerModel

/// Finds the main article content and returns it as blocks.
///
/// 1. Mark page furniture (`BoilerplateClassifier`).
/// 2. Score containers: each paragraph-like element outside furniture adds points for its
///    length and commas to its parent and (half) to its grandparent; scores are discounted
///    by link density.
/// 3. Take the best container, let high-scoring siblings join it, and build blocks from them,
///    leaving out furniture and link-dense widgets found inside.
struct BodyExtractor {
    let analysis: PageAnalysis
    let rules: ExtractionRules

    struct Result {
        var blocks: [Block]
        /// Containers the body came from (for the comment extractor to stay out of).
        var containers: [Int]
        /// Paragraph-weighted text length of the chosen content.
        var score: Double
    }

    func extract(excludingSubtrees excludedRoots: [Int]) -> Result {
        let tree = analysis.tree
        let n = tree.count
        guard n > 1 else { return Result(blocks: [], containers: [], score: 0) }
        let classifier = BoilerplateClassifier(rules: rules)

        // Pass 1: furniture, inherited downwards.
        var furniture = [Bool](repeating: false, count: n)
        var furnitureRoots = Set<Int>()
        let bodyIndex = tree.firstElement(named: "body") ?? 0
        let bodyLength = max(1, Int(analysis.textLength[bodyIndex]))
        for root in excludedRoots {
            for j in root...tree[root].subtreeEnd { furniture[j] = true }
            furnitureRoots.insert(root)
        }
        for i in 1..<n where !furniture[i] {
            let parent = Int(tree[i].parent)
            if furniture[parent] {
                furniture[i] = true
                continue
            }
            let node = tree[i]
            guard node.isElement, !analysis.excluded[i], i != bodyIndex else { continue }
            if classifier.isBoilerplate(node) {
                // A "furniture" element holding most of the page's text is a layout wrapper
                // with an unlucky class name, not furniture.
                let share = Double(analysis.textLength[i]) / Double(bodyLength)
                if share > 0.6 && analysis.linkDensity(i) < 0.3 && node.name != "form" { continue }
                furniture[i] = true
                furnitureRoots.insert(i)
            }
        }

        // Pass 2: score containers.
        var score = [Double](repeating: 0, count: n)
        for i in 1..<n {
            let node = tree[i]
            guard node.isElement, !furniture[i], !analysis.excluded[i],
                rules.paragraphElements.contains(node.name)
            else { continue }
            let length = Int(analysis.textLength[i])
            guard length >= rules.minimumParagraphLength else { continue }
            let linkDensity = analysis.linkDensity(i)
            if linkDensity > 0.5 { continue }
            var points = 1.0 + min(Double(length) / rules.charactersPerPoint, rules.maximumLengthPoints)
            points += Double(commaCount(i))
            points *= (1 - linkDensity)
            let parent = Int(node.parent)
            if parent > 0 {
                score[parent] += points
                let grandparent = Int(tree[parent].parent)
                if grandparent > 0 { score[grandparent] += points * rules.grandparentShare }
            }
        }
        var best = -1
        var bestScore = 0.0
        for i in 1..<n where score[i] > 0 {
            let adjusted = score[i] * (1 - analysis.linkDensity(i))
            score[i] = adjusted
            if adjusted > bestScore {
                bestScore = adjusted
                best = i
            }
        }
        guard best > 0 else { return Result(blocks: [], containers: [], score: 0) }

        // Pass 3: siblings that continue the article join the best container.
        var containers: [Int] = []
        let parent = Int(tree[best].parent)
        if parent >= 0 {
            for sibling in tree.children(of: parent) {
                if sibling == best {
                    containers.append(sibling)
                    continue
                }
                guard tree[sibling].isElement, !furniture[sibling], !analysis.excluded[sibling] else { continue }
                let siblingScore = score[sibling]
                let length = Int(analysis.textLength[sibling])
                let isGoodParagraph = tree[sibling].name == "p" && length >= 80 && analysis.linkDensity(sibling) < 0.25
                if siblingScore >= bestScore * rules.siblingScoreShare || isGoodParagraph {
                    containers.append(sibling)
                }
            }
        } else {
            containers = [best]
        }

        // Skip furniture and link-dense widgets inside the content.
        var skip = furnitureRoots
        for container in containers {
            let end = tree[container].subtreeEnd
            var j = container + 1
            while j <= end {
                let node = tree[j]
                if node.isElement, rules.prunableContainers.contains(node.name),
                    analysis.linkDensity(j) > rules.maximumLinkDensity,
                    Int(analysis.textLength[j]) < rules.linkDenseMaximumLength
                {
                    skip.insert(j)
                    j = node.subtreeEnd + 1
                    continue
                }
                j += 1
            }
        }
        let builder = BlockBuilder(analysis: analysis, rules: rules)
        var blocks: [Block] = []
        for container in containers {
            if furniture[container] { continue }
            blocks += builder.blocks(in: container, skipping: skip)
        }
        return Result(blocks: blocks, containers: containers, score: bestScore)
    }

    private func commaCount(_ index: Int) -> Int {
        var count = 0
        let tree = analysis.tree
        var j = index
        let end = tree[index].subtreeEnd
        while j <= end {
            if tree[j].kind == .text {
                for byte in tree[j].text.utf8 where byte == UInt8(ascii: ",") { count += 1 }
            }
            j += 1
        }
        return min(count, 10)
    }
}
