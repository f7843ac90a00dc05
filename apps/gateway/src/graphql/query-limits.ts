import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** The deepest selection a query may nest (a connection's node is 3 levels: edges → node → field). */
export const MAX_QUERY_DEPTH = 10;
/** The largest computed cost of one operation (a list field costs `first` × its selection). */
export const MAX_QUERY_COMPLEXITY = 5000;

/** Refuses, before execution, an operation costlier than `max` (field `complexity` options, else 1 a field). */
export function complexityLimit(max: number): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, schema }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // Bad variables: execution answers them with BAD_USER_INPUT.
            if (error instanceof GraphQLError && !error.extensions['code']) return Promise.resolve();
            throw error;
          }
          if (complexity > max) {
            throw new GraphQLError(
              `Query is too complex: ${complexity}, the limit is ${max}. Ask for fewer items (first) or fewer fields.`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/** A validation rule refusing selections nested deeper than `max` (fragments followed). */
export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, seen) : 1);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        } else if (!seen.has(selection.name.value)) {
          const fragment = fragments.get(selection.name.value);
          const next = new Set(seen).add(selection.name.value);
          deepest = Math.max(deepest, depthOf(fragment?.selectionSet, next));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > max) {
          context.reportError(
            new GraphQLError(`Query is too deep: ${depth} levels, the limit is ${max}.`, {
              nodes: [operation],
            }),
          );
        }
      },
    };
  };
}
