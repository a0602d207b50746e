export interface SignInActionState {
  ok: boolean
  message: string
}
