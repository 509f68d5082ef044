# Where the fetched third-party sources live and how our code sees them (always -isystem,
# so their headers never trip our warning set). Modules add more with TP_INCLUDES += ...
# and compile third-party sources for the target through TP_FW_SRCS (own flags: -w).
TP_INCLUDES := -isystem $(TP)/jsmn
TP_DEFS :=
