/** Entry of @forecourt/designer; see README.md for what arrives here and when. */
export {};
