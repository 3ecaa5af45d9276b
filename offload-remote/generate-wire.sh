#!/usr/bin/env bash
# Regenerates the checked-in gRPC/protobuf code from src/main/proto. Needs network once, to fetch
# protoc and the gRPC Java plugin from Maven Central; the build itself never runs protoc.
# protoc-gen-grpc-java 1.83.1 is the newest whose linux-x86_64 executable Maven Central serves;
# its output is plain stub code that the 1.85 runtime runs unchanged.
set -euo pipefail
cd "$(dirname "$0")"
PROTOC_VERSION=4.33.5
GRPC_PLUGIN_VERSION=1.83.1
repo=~/.m2/repository
get() { mvn -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get -Dartifact="$1"; }
get com.google.protobuf:protoc:$PROTOC_VERSION:exe:linux-x86_64
get io.grpc:protoc-gen-grpc-java:$GRPC_PLUGIN_VERSION:exe:linux-x86_64
protoc=$repo/com/google/protobuf/protoc/$PROTOC_VERSION/protoc-$PROTOC_VERSION-linux-x86_64.exe
plugin=$repo/io/grpc/protoc-gen-grpc-java/$GRPC_PLUGIN_VERSION/protoc-gen-grpc-java-$GRPC_PLUGIN_VERSION-linux-x86_64.exe
chmod +x "$protoc" "$plugin"
rm -rf src/main/java/dev/offloadjsse/remote/wire
"$protoc" --proto_path=src/main/proto --java_out=src/main/java \
  --plugin=protoc-gen-grpc-java="$plugin" --grpc-java_out=src/main/java \
  src/main/proto/offload_handshake.proto
