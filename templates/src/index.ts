/** Entry of @forecourt/templates; see README.md for what arrives here and when. */
export {};
