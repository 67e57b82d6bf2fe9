// placeholder until the codegen stage lands
