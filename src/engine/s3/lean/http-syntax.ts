// What HTTP/1.1 allows in a header, as node:http checks it: a name is a token; a value has no line break or other
// control but the tab. The lean path's own PUTs (raw-put.ts) check what they write, and the answer parser (answer-
// parser.ts) what it reads.
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
export const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
