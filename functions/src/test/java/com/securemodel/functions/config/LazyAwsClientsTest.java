package com.securemodel.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.functions.LambdaApplication;
import com.securemodel.functions.aws.SignedDynamoDbClient;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

class LazyAwsClientsTest {

    /** A client that answers getItem and query from memory and counts how often it was built and closed. */
    private static final class CountingClient implements DynamoDbClient {
        private final AtomicInteger closed;

        CountingClient(AtomicInteger closed) {
            this.closed = closed;
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return GetItemResponse.builder().item(java.util.Map.of("pk", request.key().get("pk"))).build();
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            return QueryResponse.builder().count(0).items(List.of()).build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void theClientIsBuiltOnItsFirstCall_once_andClosedWithTheBean() {
        AtomicInteger built = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        LazyDynamoDbClient lazy = new LazyDynamoDbClient(new LazyClient<>(() -> {
            built.incrementAndGet();
            return new CountingClient(closed);
        }));
        assertThat(lazy.serviceName()).isEqualTo("dynamodb");
        assertThat(built).hasValue(0);

        // the Consumer overload reaches the forwarded operation through the interface's default method
        GetItemResponse item = lazy.getItem(r -> r.tableName("t").key(java.util.Map.of("pk",
                AttributeValue.fromS("a"))));
        assertThat(item.item().get("pk").s()).isEqualTo("a");
        // the paginator is the delegate's, over the delegate's query
        assertThat(lazy.queryPaginator(r -> r.tableName("t")).items()).isEmpty();
        assertThat(built).hasValue(1);

        lazy.close();
        assertThat(closed).hasValue(1);
    }

    @Test
    void prepare_buildsTheClientAhead_asSnapStartsPrimingAsks() {
        AtomicInteger built = new AtomicInteger();
        LazyDynamoDbClient lazy = new LazyDynamoDbClient(new LazyClient<>(() -> {
            built.incrementAndGet();
            return new CountingClient(new AtomicInteger());
        }));
        lazy.prepare();
        lazy.getItem(r -> r.tableName("t").key(java.util.Map.of("pk", AttributeValue.fromS("a"))));
        assertThat(built).hasValue(1);
    }

    @Test
    void closingAClientThatWasNeverBuilt_buildsNothing() {
        AtomicInteger built = new AtomicInteger();
        new LazyDynamoDbClient(new LazyClient<>(() -> {
            built.incrementAndGet();
            return new CountingClient(new AtomicInteger());
        })).close();
        assertThat(built).hasValue(0);
    }

    @Test
    void anOperationThatIsNotForwarded_failsAsTheInterfaceSays() {
        LazyDynamoDbClient lazy = new LazyDynamoDbClient(new LazyClient<>(() -> new CountingClient(
                new AtomicInteger())));
        assertThatThrownBy(() -> lazy.listTables()).isInstanceOf(UnsupportedOperationException.class);
    }

    /**
     * Every DynamoDB and SQS operation that a class of the service calls is forwarded: read from the compiled classes'
     * {@code invokeinterface} instructions, a {@code Consumer} overload standing for the operation it builds a request
     * for. A new call to an operation that is not forwarded fails here, not on AWS.
     */
    @Test
    void everyOperationTheServiceCalls_isForwarded() throws IOException, URISyntaxException {
        Path classes = Path.of(LambdaApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> dynamoDb = new TreeSet<>();
        Set<String> sqs = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            // the callers: every class but the clients themselves, whose forwarding calls are what is checked
            Set<String> clients = Set.of("LazyDynamoDbClient.class", "LazySqsClient.class",
                    "SignedDynamoDbClient.class");
            for (Path file : files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !clients.contains(f.getFileName().toString())).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                        @Override
                        public MethodVisitor visitMethod(int access, String name, String descriptor,
                                                         String signature, String[] exceptions) {
                            return new MethodVisitor(Opcodes.ASM9) {
                                @Override
                                public void visitMethodInsn(int opcode, String owner, String method, String desc,
                                                            boolean isInterface) {
                                    if (opcode != Opcodes.INVOKEINTERFACE) {
                                        return;
                                    }
                                    if (owner.equals("software/amazon/awssdk/services/dynamodb/DynamoDbClient")) {
                                        dynamoDb.add(method);
                                    } else if (owner.equals("software/amazon/awssdk/services/sqs/SqsClient")) {
                                        sqs.add(method);
                                    }
                                }
                            };
                        }
                    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                }
            }
        }
        assertThat(dynamoDb).as("DynamoDB operations the service calls").contains("getItem", "putItem", "query");
        assertThat(sqs).as("SQS operations the service calls").contains("sendMessage", "receiveMessage");
        assertThat(notForwarded(DynamoDbClient.class, LazyDynamoDbClient.class, dynamoDb)).isEmpty();
        assertThat(notForwarded(DynamoDbClient.class, SignedDynamoDbClient.class, dynamoDb)).isEmpty();
        assertThat(notForwarded(SqsClient.class, LazySqsClient.class, sqs)).isEmpty();
    }

    /**
     * No class of the configuration package but the builders ({@code $Build}) names the client interfaces of
     * SageMaker's control plane, S3 or Application Auto Scaling in a method's signature (a lambda's included) or as a
     * method handle: Spring lists the declared methods of configuration and bean classes, and linking a lambda
     * resolves its signature, each of which loads the interface (up to 550 KB of class file) at a cold start that
     * never calls it (see {@link SageMakerControlPlane}; {@code LambdaRuntimeIT} checks the running jar).
     */
    @Test
    void configurationClasses_nameNoControlPlaneClientInASignature() throws IOException, URISyntaxException {
        Path config = Path.of(LazyClient.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(LazyClient.class.getPackageName().replace('.', '/'));
        List<String> interfaces = List.of("software/amazon/awssdk/services/sagemaker/SageMakerClient",
                "software/amazon/awssdk/services/s3/S3Client",
                "software/amazon/awssdk/services/applicationautoscaling/ApplicationAutoScalingClient");
        List<String> naming = new ArrayList<>();
        try (Stream<Path> files = Files.list(config)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !f.getFileName().toString().endsWith("$Build.class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                        @Override
                        public MethodVisitor visitMethod(int access, String name, String descriptor,
                                                         String signature, String[] exceptions) {
                            if (interfaces.stream().anyMatch(descriptor::contains)) {
                                naming.add(file.getFileName() + " " + name + descriptor);
                            }
                            return new MethodVisitor(Opcodes.ASM9) {
                                @Override
                                public void visitInvokeDynamicInsn(String indyName, String indyDescriptor,
                                                                   Handle bootstrap, Object... arguments) {
                                    for (Object argument : arguments) {
                                        if (argument instanceof Handle handle
                                                && interfaces.contains(handle.getOwner())) {
                                            naming.add(file.getFileName() + " " + name + ": " + handle);
                                        }
                                    }
                                }
                            };
                        }
                    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                }
            }
        }
        assertThat(naming).isEmpty();
    }

    /** @return whether a class (not an interface's default method) implements the operation for {@code type} */
    private static boolean implemented(Class<?> type, String name, Class<?>[] parameters) {
        try {
            return !type.getMethod(name, parameters).getDeclaringClass().isInterface();
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** @return the operations in {@code called} that {@code lazy} does not declare, in their non-Consumer form */
    private static List<String> notForwarded(Class<?> api, Class<?> lazy, Set<String> called) {
        List<String> missing = new ArrayList<>();
        for (String name : called) {
            for (Method method : api.getMethods()) {
                if (!method.getName().equals(name) || java.lang.reflect.Modifier.isStatic(method.getModifiers())
                        || Arrays.stream(method.getParameterTypes()).anyMatch(Consumer.class::equals)) {
                    continue;
                }
                if (!implemented(lazy, name, method.getParameterTypes())) {
                    missing.add(name + Arrays.toString(method.getParameterTypes()));
                }
            }
        }
        return missing;
    }
}
