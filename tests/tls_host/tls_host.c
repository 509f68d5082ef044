/* Host-side helpers for the TLS client tests (see tls_host.h). */
#define _POSIX_C_SOURCE 200809L
#include "tests/tls_host/tls_host.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define SERVER_LIFETIME "120"       /* seconds: `timeout` ends a server the test forgot */
#define SERVER_START_POLLS 200u     /* x 25 ms */
#define SERVER_MAX_ARGS 24u
#define PATH_MAX_LEN 256u

bool TlsHost_EnsurePki(void)
{
    return system("sh tests/tls_host/make_pki.sh " TLS_HOST_PKI_DIR) == 0;
}

size_t TlsHost_ReadPkiFile(const char *name, uint8_t *buffer, size_t capacity)
{
    static char path[PATH_MAX_LEN];
    size_t length = 0u;
    (void)snprintf(path, sizeof(path), "%s/%s", TLS_HOST_PKI_DIR, name);
    FILE *file = fopen(path, "rb");
    if (file != NULL)
    {
        length = fread(buffer, 1u, capacity, file);
        if (ferror(file) != 0)
        {
            length = 0u;
        }
        (void)fclose(file);
    }
    return length;
}

static void TlsHost_Sleep25Ms(void)
{
    const struct timespec pause = {0, 25000000L};
    (void)nanosleep(&pause, NULL);
}

/* The port s_server printed ("ACCEPT 127.0.0.1:PORT"), 0 while not yet there. */
static uint16_t TlsHost_ReadPort(const char *log_path)
{
    static char text[512];
    uint16_t port = 0u;
    FILE *file = fopen(log_path, "r");
    if (file != NULL)
    {
        const size_t n = fread(text, 1u, sizeof(text) - 1u, file);
        text[n] = '\0';
        (void)fclose(file);
        const char *accept = strstr(text, "ACCEPT 127.0.0.1:");
        if (accept != NULL)
        {
            port = (uint16_t)strtoul(accept + strlen("ACCEPT 127.0.0.1:"), NULL, 10);
        }
    }
    return port;
}

/* Arguments live in static storage: posix_spawn wants char *const argv[]. */
static char g_arg_text[SERVER_MAX_ARGS][PATH_MAX_LEN];
static char *g_argv[SERVER_MAX_ARGS + 1u];
static char g_log_path[PATH_MAX_LEN];

static void TlsHost_AddArg(size_t *argc, const char *text)
{
    if (*argc < SERVER_MAX_ARGS)
    {
        (void)snprintf(g_arg_text[*argc], PATH_MAX_LEN, "%s", text);
        g_argv[*argc] = g_arg_text[*argc];
        (*argc)++;
        g_argv[*argc] = NULL;
    }
}

static void TlsHost_ServerArgs(const char *chain, const char *const *extra)
{
    static const char *const fixed[] = {"timeout", SERVER_LIFETIME, "openssl", "s_server",
                                        "-accept", "127.0.0.1:0", "-www"};
    static const char *const suffix[3] = {"crt", "key", "chain"};
    static const char *const flag[3] = {"-cert", "-key", "-cert_chain"};
    static char path[PATH_MAX_LEN];
    size_t argc = 0u;
    for (size_t i = 0u; i < (sizeof(fixed) / sizeof(fixed[0])); i++)
    {
        TlsHost_AddArg(&argc, fixed[i]);
    }
    for (size_t i = 0u; i < 3u; i++)
    {
        (void)snprintf(path, sizeof(path), "%s/%s.%s", TLS_HOST_PKI_DIR, chain, suffix[i]);
        if (access(path, R_OK) == 0) /* the .chain file exists for chains with intermediates */
        {
            TlsHost_AddArg(&argc, flag[i]);
            TlsHost_AddArg(&argc, path);
        }
    }
    for (size_t i = 0u; (extra != NULL) && (extra[i] != NULL); i++)
    {
        TlsHost_AddArg(&argc, extra[i]);
    }
}

bool TlsHost_StartServer(TlsHostServer_t *server, const char *chain, const char *const *extra)
{
    posix_spawn_file_actions_t actions;
    static unsigned int counter;
    server->pid = -1;
    server->port = 0u;
    (void)snprintf(g_log_path, sizeof(g_log_path), "%s/s_server-%d-%u.log", TLS_HOST_PKI_DIR,
                   (int)getpid(), counter++);
    TlsHost_ServerArgs(chain, extra);
    (void)posix_spawn_file_actions_init(&actions);
    (void)posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    (void)posix_spawn_file_actions_addopen(&actions, 1, g_log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    (void)posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int rc = posix_spawnp(&server->pid, "timeout", &actions, NULL, g_argv, environ);
    (void)posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
    {
        server->pid = -1;
    }
    for (uint32_t poll_count = 0u; (server->pid > 0) && (server->port == 0u) &&
                                   (poll_count < SERVER_START_POLLS);
         poll_count++)
    {
        TlsHost_Sleep25Ms();
        server->port = TlsHost_ReadPort(g_log_path);
    }
    (void)unlink(g_log_path); /* the open file lives on for the server */
    if ((server->port == 0u) && (server->pid > 0))
    {
        TlsHost_StopServer(server);
    }
    return server->port != 0u;
}

void TlsHost_StopServer(TlsHostServer_t *server)
{
    if (server->pid > 0)
    {
        int wstatus = 0;
        (void)kill(server->pid, SIGTERM);
        (void)waitpid(server->pid, &wstatus, 0);
    }
    server->pid = -1;
    server->port = 0u;
}

static struct sockaddr_in TlsHost_Loopback(uint16_t port)
{
    struct sockaddr_in address;
    (void)memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

int TlsHost_Listen(uint16_t *port)
{
    struct sockaddr_in address = TlsHost_Loopback(0u);
    socklen_t length = (socklen_t)sizeof(address);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if ((fd >= 0) && ((bind(fd, (struct sockaddr *)&address, length) != 0) || (listen(fd, 4) != 0) ||
                      (getsockname(fd, (struct sockaddr *)&address, &length) != 0)))
    {
        (void)close(fd);
        fd = -1;
    }
    *port = (fd >= 0) ? ntohs(address.sin_port) : 0u;
    return fd;
}

bool TlsHost_Connect(TlsHostSocket_t *sock, uint16_t port)
{
    const struct sockaddr_in address = TlsHost_Loopback(port);
    sock->send_calls = 0u;
    sock->recv_calls = 0u;
    sock->fd = socket(AF_INET, SOCK_STREAM, 0);
    if ((sock->fd >= 0) &&
        (connect(sock->fd, (const struct sockaddr *)&address, (socklen_t)sizeof(address)) != 0))
    {
        (void)close(sock->fd);
        sock->fd = -1;
    }
    return sock->fd >= 0;
}

void TlsHost_Close(TlsHostSocket_t *sock)
{
    if (sock->fd >= 0)
    {
        (void)close(sock->fd);
    }
    sock->fd = -1;
}

static TlsClientStatus_t TlsHost_Wait(int fd, short events, uint32_t timeout_ms)
{
    struct pollfd pfd = {fd, events, 0};
    const int timeout = (timeout_ms > 60000u) ? 60000 : (int)timeout_ms;
    const int ready = poll(&pfd, 1u, timeout);
    TlsClientStatus_t status = TLS_CLIENT_OK;
    if (ready == 0)
    {
        status = TLS_CLIENT_TIMEOUT;
    }
    else if (ready < 0)
    {
        status = TLS_CLIENT_IO_ERROR;
    }
    else
    {
        /* ready (or hung up: the read or write below reports it) */
    }
    return status;
}

static TlsClientStatus_t TlsHost_Send(void *context, const uint8_t *data, size_t length,
                                      uint32_t timeout_ms, size_t *sent)
{
    TlsHostSocket_t *sock = (TlsHostSocket_t *)context;
    TlsClientStatus_t status = TlsHost_Wait(sock->fd, POLLOUT, timeout_ms);
    *sent = 0u;
    sock->send_calls++;
    if (status == TLS_CLIENT_OK)
    {
        const ssize_t n = send(sock->fd, data, length, MSG_NOSIGNAL);
        if (n > 0)
        {
            *sent = (size_t)n;
        }
        else
        {
            status = ((errno == EPIPE) || (errno == ECONNRESET)) ? TLS_CLIENT_PEER_CLOSED
                                                                  : TLS_CLIENT_IO_ERROR;
        }
    }
    return status;
}

static TlsClientStatus_t TlsHost_Recv(void *context, uint8_t *buffer, size_t capacity,
                                      uint32_t timeout_ms, size_t *received)
{
    TlsHostSocket_t *sock = (TlsHostSocket_t *)context;
    TlsClientStatus_t status = TlsHost_Wait(sock->fd, POLLIN, timeout_ms);
    *received = 0u;
    sock->recv_calls++;
    if (status == TLS_CLIENT_OK)
    {
        const ssize_t n = recv(sock->fd, buffer, capacity, 0);
        if (n > 0)
        {
            *received = (size_t)n;
        }
        else if ((n == 0) || (errno == ECONNRESET))
        {
            status = TLS_CLIENT_PEER_CLOSED;
        }
        else
        {
            status = TLS_CLIENT_IO_ERROR;
        }
    }
    return status;
}

TlsTransport_t TlsHost_Transport(TlsHostSocket_t *sock)
{
    const TlsTransport_t transport = {&TlsHost_Send, &TlsHost_Recv, sock};
    return transport;
}
