import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule, AuthService } from '@switchyard/auth';
import { HealthModule } from '@switchyard/health';
import { ModelsModule } from '@switchyard/models';
import { SpendLedgerModule } from '@switchyard/spend';
import type { Principal } from '@switchyard/identity';
import type { FastifyRequest } from 'fastify';

import type { GraphqlContext } from './context';
import { formatError } from './errors';
import { LoaderFactory } from './loaders';
import { complexityLimit, depthLimit, MAX_QUERY_COMPLEXITY, MAX_QUERY_DEPTH } from './query-limits';
import { RESOLVERS } from './resolvers';

/** What the context factory needs, in a module of its own for GraphQLModule.forRootAsync. */
@Module({ imports: [AuthModule], providers: [LoaderFactory], exports: [AuthModule, LoaderFactory] })
class GraphqlContextModule {}

function contextFactory(auth: AuthService, loaders: LoaderFactory) {
  return (req: FastifyRequest): GraphqlContext => {
    let principal: Promise<Principal> | undefined;
    return {
      req,
      principal: () => (principal ??= auth.principal(req.headers)),
      loaders: loaders.create(),
    };
  };
}

/**
 * The admin GraphQL API at `/graphql` (code first, Apollo on Fastify): the same services and access
 * rules as the REST management routes, cursor connections for lists, batched loading, depth and
 * complexity limits, coded errors. No landing page or playground: they load from a CDN.
 */
@Module({
  imports: [
    GraphqlContextModule,
    HealthModule,
    ModelsModule,
    SpendLedgerModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [GraphqlContextModule],
      inject: [AuthService, LoaderFactory],
      useFactory: (auth: AuthService, loaders: LoaderFactory): ApolloDriverConfig => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        playground: false,
        graphiql: false,
        introspection: true,
        includeStacktraceInErrorResponses: false,
        plugins: [ApolloServerPluginLandingPageDisabled(), complexityLimit(MAX_QUERY_COMPLEXITY)],
        validationRules: [depthLimit(MAX_QUERY_DEPTH)],
        formatError,
        context: contextFactory(auth, loaders),
      }),
    }),
  ],
  providers: [...RESOLVERS],
})
export class AdminGraphqlModule {}
