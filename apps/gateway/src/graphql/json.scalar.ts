import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/** Free-form JSON objects (metadata, model parameters): passed through as they are. */
export const JsonObject = new GraphQLScalarType({
  name: 'JSONObject',
  description: 'A JSON object.',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TypeError('JSONObject must be an object');
    }
    return value;
  },
  parseLiteral: (ast, variables) => {
    const value: unknown = valueFromASTUntyped(ast, variables);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TypeError('JSONObject must be an object');
    }
    return value;
  },
});
