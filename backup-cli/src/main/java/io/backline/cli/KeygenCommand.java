package io.backline.cli;

import io.backline.core.crypto.AgeIdentity;
import io.backline.core.crypto.AgeKeys;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code backline keygen [-o FILE]}: makes an age identity. With {@code -o} the identity goes into FILE, created
 * with mode 0600 (never overwriting), and the public recipient is printed; without it the key file is printed, as
 * {@code age-keygen} does, and the recipient goes to standard error.
 */
@Command(name = "keygen", description = "Generate an age identity (X25519) for encrypting backups.",
        mixinStandardHelpOptions = true)
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the identity to FILE (mode 0600).")
    Path output;

    @Override
    public Integer call() throws IOException {
        try (AgeIdentity identity = AgeKeys.generate()) {
            String keyFile = identity.toKeyFile(Instant.now());
            String recipient = identity.recipient().toString();
            if (output == null) {
                spec.commandLine().getOut().print(keyFile);
                spec.commandLine().getOut().flush();
                spec.commandLine().getErr().println("Public key: " + recipient);
                spec.commandLine().getErr().flush();
                return ExitCodes.OK;
            }
            try (FileChannel channel = FileChannel.open(output, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
                 Writer writer = Channels.newWriter(channel, StandardCharsets.US_ASCII)) {
                writer.write(keyFile);
                writer.flush();
                channel.force(true);
            } catch (FileAlreadyExistsException e) {
                throw new IllegalArgumentException(output + " already exists; keygen never overwrites a key");
            }
            spec.commandLine().getOut().println(recipient);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
