package dev.playlistgateway.app.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.WiringFactory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The fetcher of every field that has none of its own: the record component of the same name, read
 * through an accessor looked up once per record class. graphql-java's {@link PropertyDataFetcher} finds
 * the property again on every fetch (a cache key built and hashed for each of the 40,000 fields of a
 * 50 x 100 answer); this one pays a {@link ClassValue} lookup. A source that is not a record, or has no
 * such component, goes to {@link PropertyDataFetcher} as before. A {@link LightDataFetcher}: graphql-java
 * builds no {@link DataFetchingEnvironment} for it.
 */
final class RecordFields implements WiringFactory {

    /** Called once per field while the schema is built (a code registry's default factory would be called per fetch). */
    @Override
    public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
        return componentNamed(environment.getFieldDefinition().getName());
    }

    /** The fetcher of the record component {@code name}, for a field of that name. */
    static LightDataFetcher<Object> componentNamed(String name) {
        return new Component(name);
    }

    /** A fetcher of a field from a source of a known type, with no environment built for it. */
    static <S> LightDataFetcher<Object> of(Class<S> type, Function<S, Object> read) {
        return new LightDataFetcher<>() {
            @Override
            public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment) {
                return read.apply(type.cast(source));
            }

            @Override
            public Object get(DataFetchingEnvironment environment) {
                return read.apply(type.cast(environment.getSource()));
            }
        };
    }

    private static final class Component implements LightDataFetcher<Object> {
        private final String name;
        private final PropertyDataFetcher<Object> otherwise;
        private final ClassValue<Accessor> accessors = new ClassValue<>() {
            @Override
            protected Accessor computeValue(Class<?> type) {
                return new Accessor(accessorOf(type));
            }
        };

        Component(String name) {
            this.name = name;
            this.otherwise = PropertyDataFetcher.fetching(name);
        }

        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment) throws Exception {
            if (source == null) {
                return null;
            }
            MethodHandle accessor = accessors.get(source.getClass()).handle();
            if (accessor == null) {
                return otherwise.get(field, source, environment);
            }
            try {
                return accessor.invokeExact(source);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return get(environment.getFieldDefinition(), environment.getSource(), () -> environment);
        }

        /** The accessor of the component {@link #name}, typed {@code (Object) Object}; null when there is none. */
        private MethodHandle accessorOf(Class<?> type) {
            if (!type.isRecord()) {
                return null;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    try {
                        Method method = component.getAccessor();
                        method.setAccessible(true); // the app's records are package-private
                        return MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(Object.class, Object.class));
                    } catch (IllegalAccessException | RuntimeException e) {
                        return null;
                    }
                }
            }
            return null;
        }
    }

    /** A record class's accessor of one component; a null handle when the class has none. */
    private record Accessor(MethodHandle handle) {
    }
}
