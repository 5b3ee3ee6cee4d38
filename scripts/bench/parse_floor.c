/* The libxml2 parse floor for scripts/bench-process.sh: a whole process that reads each
 * file named on stdin (one path a line, plain HTML), parses it with htmlReadMemory and
 * frees the tree — what any libxml2-based extractor must at least do. Same parser options
 * as Gleaner (recover, no network, no errors/warnings printed). */
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    char path[4096];
    size_t capacity = 1 << 20;
    char *buffer = malloc(capacity);
    long pages = 0;
    xmlInitParser();
    while (fgets(path, sizeof path, stdin)) {
        path[strcspn(path, "\n")] = 0;
        if (!*path) continue;
        FILE *file = fopen(path, "rb");
        if (!file) continue;
        size_t length = 0, got;
        while ((got = fread(buffer + length, 1, capacity - length, file)) > 0) {
            length += got;
            if (length == capacity) buffer = realloc(buffer, capacity *= 2);
        }
        fclose(file);
        htmlDocPtr doc = htmlReadMemory(buffer, (int)length, NULL, NULL,
            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT);
        if (doc) xmlFreeDoc(doc);
        pages++;
    }
    fprintf(stderr, "parsed %ld pages\n", pages);
    free(buffer);
    return 0;
}
