// The harness is used through its bins and `@inlet/scripts/testing`; nothing to import here yet.
export {};
