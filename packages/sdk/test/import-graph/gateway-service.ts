// The control: a process that loads the browser gateway, whose OTLP decoding brings protobufjs.
import '../../../gateway/src/index.ts';
