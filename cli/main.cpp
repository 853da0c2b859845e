#include "app.hpp"

int main(int argc, char** argv) { return casectl::cli::run(argc, argv); }
