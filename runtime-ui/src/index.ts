/** Entry of @forecourt/runtime-ui; see README.md for what arrives here and when. */
export {};
